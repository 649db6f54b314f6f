package dev.redao.runtime;

/**
 * A write reached a read-only replica ({@code READONLY}): the connection string names a replica,
 * or the server it names became one in a failover. Not retryable as is: connect to the primary.
 * The write was not run.
 */
public class ReadOnlyException extends ServerException {
    private static final long serialVersionUID = 1L;

    /**
     * A write sent to a replica.
     *
     * @param address the server, as {@code host:port}
     * @param reason the server's error text or code
     * @param message the whole message, which names the address and carries the server's words
     * @param cause what failed underneath, or null
     */
    public ReadOnlyException(String address, String reason, String message, Throwable cause) {
        super(address, reason, message, cause);
    }
}
