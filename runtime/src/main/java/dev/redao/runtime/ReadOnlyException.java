package dev.redao.runtime;

/**
 * A write reached a read-only replica ({@code READONLY}): the connection string names a replica,
 * or the server it names became one in a failover. Not retryable as is: connect to the primary.
 * The write was not run.
 */
public class ReadOnlyException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String address;
    private final String reason;

    public ReadOnlyException(String address, String reason, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
        this.reason = reason;
    }

    /** The server, as {@code host:port}. */
    public String address() {
        return address;
    }

    /** The server's error text. */
    public String reason() {
        return reason;
    }
}
