package dev.redao.runtime;

/** The base of every error Redao raises at run time. */
public class RedaoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RedaoException(String message) {
        super(message);
    }

    public RedaoException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the same call may succeed if made again later, unchanged: true only for
     * {@link RedisUnavailableException} (a server that is loading, busy, failing over or out of
     * reach). Every other error stays until someone changes the data, the server or the call.
     */
    public boolean isRetryable() {
        return false;
    }
}
