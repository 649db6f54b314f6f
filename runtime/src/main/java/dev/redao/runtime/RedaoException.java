package dev.redao.runtime;

/** The base of every error Redao raises at run time. */
public class RedaoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with no cause underneath.
     *
     * @param message what went wrong
     */
    public RedaoException(String message) {
        super(message);
    }

    /**
     * An error with a cause underneath.
     *
     * @param message what went wrong
     * @param cause what failed underneath, or null
     */
    public RedaoException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@return whether the same call may succeed if made again later, unchanged: true only for {@link
     * RedisUnavailableException} (a server that is loading, busy, failing over or out of reach)} Every
     * other error stays until someone changes the data, the server or the call.
     */
    public boolean isRetryable() {
        return false;
    }
}
