package dev.redao.runtime;

/** A value stored in Redis cannot be decoded into its field's type. */
public class CorruptValueException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final String key;
    private final String field;
    private final String value;

    /**
     * A stored value that does not decode.
     *
     * @param key the key that holds the value
     * @param field the hash field, or null for a value that is a whole key
     * @param value the stored value as text
     * @param cause the decoding failure
     */
    public CorruptValueException(String key, String field, String value, Throwable cause) {
        this(null, key, field, value, cause);
    }

    /**
     * @param model the model whose object holds the value (null for a value of no model, such as
     *     a queue's message)
     * @param key the key that holds the value
     * @param field the hash field, or null for a value that is a whole key
     * @param value the stored value as text
     * @param cause what failed underneath, or null
     */
    public CorruptValueException(String model, String key, String field, String value, Throwable cause) {
        super((model == null ? "" : model + ": ") + "cannot decode field '" + field + "' of key '" + key
                + "': stored value '" + value + "' (" + cause.getMessage() + ")", cause);
        this.model = model;
        this.key = key;
        this.field = field;
        this.value = value;
    }

    /**
     * {@return the model whose object holds the value, or null for a value of no model (a queue's
     * message)}
     */
    public String model() {
        return model;
    }

    /** {@return the key that holds the value} */
    public String key() {
        return key;
    }

    /** {@return the hash field that holds the value, or null for a value that is a whole key} */
    public String field() {
        return field;
    }

    /** {@return the stored value as text (cut at 200 characters)} */
    public String value() {
        return value;
    }
}
