package dev.redao.runtime;

/**
 * An asynchronous call found as many calls under way as the store allows
 * ({@link RedisStore.Options#maxInFlight}), and none finished within the connection's timeout:
 * it was not started. The same call may succeed later: {@link #isRetryable()} is true.
 */
public class InFlightLimitException extends RedaoException {
    private static final long serialVersionUID = 1L;

    /**
     * @param limit the calls that may be under way at once
     * @param waitedMillis how long the call waited for one of them to finish
     */
    public InFlightLimitException(int limit, long waitedMillis) {
        super(limit + " asynchronous calls were under way, the store's limit (Options.maxInFlight), and none"
                + " finished within " + waitedMillis + " ms: this call was not started; wait for some of them"
                + " before making more, or raise the limit");
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
