package dev.redao.runtime;

/**
 * A write reached a read-only replica ({@code READONLY}): the connection string names a replica,
 * or the server it names became one in a failover. Not retryable as is: connect to the primary.
 * The write was not run.
 */
public class ReadOnlyException extends ServerException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyException(String address, String reason, String message, Throwable cause) {
        super(address, reason, message, cause);
    }
}
