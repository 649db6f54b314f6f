package dev.redao.runtime.messaging;

import dev.redao.runtime.RedisStore;

/**
 * Receives what happens to a watched key ({@link RedisStore#watchKey}, a DAO's {@code watch}),
 * from Redis keyspace notifications, on the store's pub/sub thread.
 */
@FunctionalInterface
public interface KeyEventListener {

    /**
     * @param key the watched key: as passed to {@code watchKey} (without the namespace), or the
     *     object's key name for a DAO's {@code watch}
     * @param event the command's event name as Redis reports it: {@code set}, {@code hset},
     *     {@code hdel}, {@code del}, {@code expire}, {@code expired}, {@code evicted}, {@code rename_from}...
     */
    void onEvent(String key, String event);
}
