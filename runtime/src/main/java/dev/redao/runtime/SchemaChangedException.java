package dev.redao.runtime;

import java.util.List;

/**
 * The schema stored with a model differs from the DAO's (docs/schema.md): objects written under
 * the stored one lack the entries of the DAO's new indexes and unique fields, and may hold entries
 * of ones it no longer has. Nothing of the call was sent. Either re-index ({@code dao.reindex()},
 * or {@link SchemaChanges#REINDEX}), or run the DAO that matches the stored schema. A change no
 * re-index can make, such as the number of partitions or the ordering, is refused either way.
 */
public class SchemaChangedException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final long storedVersion;
    private final List<String> differences;
    private final boolean reindexable;

    /**
     * A stored schema that differs from the DAO's.
     *
     * @param model the model's name
     * @param storedVersion the stored schema's version
     * @param differences each difference, in words
     * @param reindexable whether a re-index can bring the stored objects to the DAO's schema
     * @param message the whole message
     */
    public SchemaChangedException(String model, long storedVersion, List<String> differences, boolean reindexable,
                                  String message) {
        super(message);
        this.model = model;
        this.storedVersion = storedVersion;
        this.differences = List.copyOf(differences);
        this.reindexable = reindexable;
    }

    /** {@return the model's name} */
    public String model() {
        return model;
    }

    /** {@return the version of the schema stored with the model} */
    public long storedVersion() {
        return storedVersion;
    }

    /** {@return each difference between the stored schema and the DAO's, in words} */
    public List<String> differences() {
        return differences;
    }

    /** {@return whether {@code dao.reindex()} can bring the stored objects to the DAO's schema} */
    public boolean reindexable() {
        return reindexable;
    }
}
