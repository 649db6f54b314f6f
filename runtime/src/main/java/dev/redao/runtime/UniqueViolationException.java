package dev.redao.runtime;

/**
 * A save would give a {@code @Unique} value to a second object. Nothing of the call was written.
 * The holder is the id of the object that keeps the value: one already stored, or another object
 * of the same call that claimed it first.
 */
public class UniqueViolationException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final String field;
    private final String value;
    private final Object holderId;

    public UniqueViolationException(String model, String field, String value, Object holderId) {
        super("unique constraint violated: " + model + "." + field + " = '" + value
                + "' is already held by " + model + " id " + holderId);
        this.model = model;
        this.field = field;
        this.value = value;
        this.holderId = holderId;
    }

    public String model() {
        return model;
    }

    public String field() {
        return field;
    }

    /** The value as stored in Redis. */
    public String value() {
        return value;
    }

    /** The id of the object that holds the value, typed as the model's id. */
    public Object holderId() {
        return holderId;
    }
}
