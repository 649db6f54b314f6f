package dev.redao.runtime;

/**
 * A write names an object that does not exist: a partial save (an {@code update}, or the save of
 * an object loaded with {@code loadOnly}), which has no stored fields to keep, or a write to a
 * structure field, which lives only with its object. Nothing of the call was written.
 */
public class MissingObjectException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final Object id;

    /**
     * A partial save of an object that does not exist.
     *
     * @param model the model's name
     * @param id the object's id
     */
    public MissingObjectException(String model, Object id) {
        super(model + " id " + id + " does not exist, so a partial save has no fields to keep; nothing was written");
        this.model = model;
        this.id = id;
    }

    /**
     * A write that needs an object which does not exist.
     *
     * @param model the model's name
     * @param id the object's id
     * @param message what was refused, naming the model and the id
     */
    public MissingObjectException(String model, Object id, String message) {
        super(message);
        this.model = model;
        this.id = id;
    }

    /** {@return the model's name} */
    public String model() {
        return model;
    }

    /** {@return the object's id, typed as the model's id} */
    public Object id() {
        return id;
    }
}
