package dev.redao.runtime;

/**
 * Redis cannot serve the call now, for a reason that passes by itself: it is loading its data
 * after a restart ({@code LOADING}), running another client's long script ({@code BUSY}), in a
 * failover or a cluster change ({@code TRYAGAIN}, {@code MASTERDOWN}, {@code CLUSTERDOWN},
 * {@code NOREPLICAS}, {@code UNBLOCKED}), or out of reach ({@link RedaoConnectionException}).
 * The same call may succeed later: {@link #isRetryable()} is true. A call refused with one of
 * these codes was not run; a call cut off by a lost connection may or may not have run, so retry a
 * write only where running it twice does no harm.
 */
public class RedisUnavailableException extends ServerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason the server's error code ({@code LOADING}, {@code BUSY}...) or {@code CONNECTION}
     * @param message the whole message, which names the address and carries the server's words
     * @param address the server, as {@code host:port}
     * @param cause what failed underneath, or null
     */
    public RedisUnavailableException(String address, String reason, String message, Throwable cause) {
        super(address, reason, message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
