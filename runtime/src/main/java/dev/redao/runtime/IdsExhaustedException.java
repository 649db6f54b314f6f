package dev.redao.runtime;

/**
 * An id counter has no next id: a model's next id would not fit its id type ({@code Integer} or
 * {@code Long}), a batch would reserve ids above 2^53 (the largest that the reserving script counts
 * exactly), or a queue's message ids have reached the largest long. Not retryable; a model can
 * still save objects with explicit ids. Nothing of the call was written.
 */
public class IdsExhaustedException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    /**
     * A counter that can give no more ids.
     *
     * @param reason what the script or Redis said
     * @param message the whole message, naming the model
     * @param cause what failed underneath, or null
     */
    public IdsExhaustedException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * What the script or Redis said, such as Redis's {@code ERR increment or decrement would overflow}.
     *
     * @return what the script or Redis said
     */
    public String reason() {
        return reason;
    }
}
