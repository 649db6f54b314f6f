package dev.redao.runtime.messaging;

/**
 * A listener registered with {@link PubSub}, a DAO's {@code subscribe} or a watch. Closing it
 * unregisters that listener only; Redis is told to unsubscribe once no listener of the channel is
 * left.
 */
public interface Subscription extends AutoCloseable {

    /**
     * Stops deliveries to the listener. A delivery already under way on the pub/sub thread may
     * still finish. Closing twice does nothing.
     */
    @Override
    void close();
}
