package dev.redao.runtime.messaging;

/**
 * Receives the messages of {@link PubSub} subscriptions, on the store's pub/sub thread.
 *
 * @param <T> the message type: {@code String} for raw messages, or the type JSON is decoded to
 */
@FunctionalInterface
public interface MessageListener<T> {

    /**
     * @param channel the channel the message came on, without the store's namespace (for a pattern
     *     subscription, the channel that matched)
     * @param message the message
     */
    void onMessage(String channel, T message);
}
