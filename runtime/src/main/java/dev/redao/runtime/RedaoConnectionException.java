package dev.redao.runtime;

/**
 * Redis could not be reached, the connection was lost or timed out, or the pool had no connection
 * to give; the message names the address. Retryable, with {@link #reason()} {@code CONNECTION}.
 *
 * <p>A write cut off after it was sent (a timeout while Redis was busy or paused, a connection
 * lost before the reply) may have run all the same: {@link #writeMayHaveRun()} says so, and so
 * does the message. Its script ran whole or not at all, but the caller cannot tell which; read
 * the object back before writing it again (docs/dao.md, "Timeouts and retries").
 */
public class RedaoConnectionException extends RedisUnavailableException {
    private static final long serialVersionUID = 1L;
    private final boolean writeMayHaveRun;

    /**
     * A connection that failed before anything was written.
     *
     * @param address the server, as {@code host:port}
     * @param cause what failed underneath, or null
     */
    public RedaoConnectionException(String address, Throwable cause) {
        this(address, null, cause);
    }

    /**
     * @param write what was written ({@code script 'user.save'}) if the call was a write that
     *     reached the connection before it failed, else null
     * @param address the server, as {@code host:port}
     * @param cause what failed underneath, or null
     */
    public RedaoConnectionException(String address, String write, Throwable cause) {
        super(address, "CONNECTION", "cannot reach Redis at " + address + ": " + cause.getMessage()
                + (write == null ? "" : "; the write (" + write + ") may have run all the same: read back what it"
                        + " wrote before writing it again"), cause);
        this.writeMayHaveRun = write != null;
    }

    /** {@return whether the call was a write that may have run although it failed: sent, then cut off} */
    public boolean writeMayHaveRun() {
        return writeMayHaveRun;
    }
}
