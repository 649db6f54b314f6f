package dev.redao.runtime;

/**
 * A key that Redao owns holds something Redao never writes there (for example a string where an
 * index set belongs). The script that found it stopped before its first write.
 */
public class CorruptDataException extends RedaoException {
    private static final long serialVersionUID = 1L;

    /**
     * Data in Redis that Redao did not write, or that was changed behind its back.
     *
     * @param message what is wrong, naming the model and the key
     */
    public CorruptDataException(String message) {
        super(message);
    }
}
