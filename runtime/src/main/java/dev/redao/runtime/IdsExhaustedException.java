package dev.redao.runtime;

/**
 * A model's id counter has no next id: it would not fit the id type ({@code Integer} or
 * {@code Long}), or a batch would reserve ids above 2^53, the largest that the reserving script
 * counts exactly. Not retryable: new objects of the model need explicit ids from now on. Nothing
 * of the call was written.
 */
public class IdsExhaustedException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public IdsExhaustedException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** What the script or Redis said, such as Redis's {@code ERR increment or decrement would overflow}. */
    public String reason() {
        return reason;
    }
}
