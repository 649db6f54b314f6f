package dev.redao.runtime.messaging;

import java.util.concurrent.CompletionStage;

/**
 * Receives the messages of a {@link PubSub} subscription and says, with the stage it returns, when
 * it is done with each: the subscription's next message waits for that, so a listener can do
 * asynchronous work (an asynchronous Redao call, say) per message, in order, without holding the
 * store's pub/sub thread. See {@link PubSub#subscribeAsync(AsyncMessageListener, String...)}.
 *
 * @param <T> the message type: {@code String} for raw messages, or the type JSON is decoded to
 */
@FunctionalInterface
public interface AsyncMessageListener<T> {

    /**
     * @param channel the channel the message came on, without the store's namespace
     * @param message the message
     * @return a stage that completes when the message is handled (null: at once); one that
     *     completes exceptionally goes to the {@link PubSub#onError error handler}
     */
    CompletionStage<?> onMessage(String channel, T message);
}
