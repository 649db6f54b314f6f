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

    /**
     * A unique value held by another object.
     *
     * @param model the model's name
     * @param field the unique field
     * @param value the value as stored in Redis
     * @param holderId the id of the object that holds it
     */
    public UniqueViolationException(String model, String field, String value, Object holderId) {
        super("unique constraint violated: " + model + "." + field + " = '" + value
                + "' is already held by " + model + " id " + holderId);
        this.model = model;
        this.field = field;
        this.value = value;
        this.holderId = holderId;
    }

    /** {@return the model's name} */
    public String model() {
        return model;
    }

    /** {@return the unique field} */
    public String field() {
        return field;
    }

    /** {@return the value as stored in Redis} */
    public String value() {
        return value;
    }

    /** {@return the id of the object that holds the value, typed as the model's id} */
    public Object holderId() {
        return holderId;
    }
}
