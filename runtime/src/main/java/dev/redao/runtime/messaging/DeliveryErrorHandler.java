package dev.redao.runtime.messaging;

/**
 * Told when a message could not be delivered: it did not decode to the listener's type, or the
 * listener threw. The pub/sub thread goes on with the next message either way. Set one with
 * {@link PubSub#onError}; the default logs a warning.
 */
@FunctionalInterface
public interface DeliveryErrorHandler {

    /**
     * @param channel the channel as Redis names it (namespace included)
     * @param message the raw message
     * @param error what went wrong
     */
    void onError(String channel, String message, Throwable error);
}
