package dev.redao.runtime;

/**
 * Redis could not be reached, the connection was lost or timed out, or the pool had no connection
 * to give; the message names the address. Retryable, with {@link #reason()} {@code CONNECTION}.
 */
public class RedaoConnectionException extends RedisUnavailableException {
    private static final long serialVersionUID = 1L;

    public RedaoConnectionException(String address, Throwable cause) {
        super(address, "CONNECTION", "cannot reach Redis at " + address + ": " + cause.getMessage(), cause);
    }
}
