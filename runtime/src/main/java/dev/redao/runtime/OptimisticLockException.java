package dev.redao.runtime;

/**
 * A save of a model with a {@code @Version} field carried another version than the stored one:
 * someone else saved (or deleted) the object since it was read. Nothing of the call was written.
 * Read the object again and reapply the change.
 */
public class OptimisticLockException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final Object id;
    private final long expectedVersion;
    private final long storedVersion;

    /**
     * A save with a stale version.
     *
     * @param model the model's name
     * @param id the object's id
     * @param expectedVersion the version the saved object carried
     * @param storedVersion the version in Redis, 0 when the object does not exist
     */
    public OptimisticLockException(String model, Object id, long expectedVersion, long storedVersion) {
        super("optimistic lock failed: " + model + " id " + id + " was saved with version " + expectedVersion
                + ", but the stored version is " + storedVersion
                + (storedVersion == 0 ? " (the object does not exist)" : "") + "; nothing was written");
        this.model = model;
        this.id = id;
        this.expectedVersion = expectedVersion;
        this.storedVersion = storedVersion;
    }

    /** {@return the model's name} */
    public String model() {
        return model;
    }

    /** {@return the object's id, typed as the model's id} */
    public Object id() {
        return id;
    }

    /** {@return the version the saved object carried} */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** {@return the version in Redis: 0 when the object does not exist} */
    public long storedVersion() {
        return storedVersion;
    }
}
