package dev.redao.runtime;

/** A value stored in Redis cannot be decoded into its field's type. */
public class CorruptValueException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final String key;
    private final String field;
    private final String value;

    public CorruptValueException(String key, String field, String value, Throwable cause) {
        this(null, key, field, value, cause);
    }

    /**
     * @param model the model whose object holds the value (null for a value of no model, such as
     *     a queue's message)
     */
    public CorruptValueException(String model, String key, String field, String value, Throwable cause) {
        super((model == null ? "" : model + ": ") + "cannot decode field '" + field + "' of key '" + key
                + "': stored value '" + value + "' (" + cause.getMessage() + ")", cause);
        this.model = model;
        this.key = key;
        this.field = field;
        this.value = value;
    }

    /** The model whose object holds the value, or null for a value of no model (a queue's message). */
    public String model() {
        return model;
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
