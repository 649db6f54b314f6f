package dev.redao.runtime;

/** A value stored in Redis cannot be decoded into its field's type. */
public class CorruptValueException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final String field;
    private final String value;

    public CorruptValueException(String key, String field, String value, Throwable cause) {
        super("cannot decode field '" + field + "' of key '" + key + "': stored value '" + value + "' ("
                + cause.getMessage() + ")", cause);
        this.key = key;
        this.field = field;
        this.value = value;
    }

    public String key() {
        return key;
    }

    public String field() {
        return field;
    }

    /** The stored value as text (cut at 200 characters). */
    public String value() {
        return value;
    }
}
