package dev.redao.it;

import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.internal.ModelKeys;
import dev.redao.runtime.internal.QueueKeys;
import dev.redao.runtime.internal.SharedSecrets;
import dev.redao.runtime.queue.ReliableQueue;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;

/**
 * The key names that the DAOs and queues use, which their API does not show: tests read them as
 * Redao's own packages do, through the runtime's internal package.
 */
final class Internals {
    private Internals() {}

    static ModelKeys keys(ModelDao<?, ?> dao) {
        return SharedSecrets.core().engine(dao).keys();
    }

    static QueueKeys keys(ReliableQueue<?> queue) {
        return SharedSecrets.queue().keys(queue);
    }

    /** Whether the store's change events travel as shard messages (a cluster of Redis 7 servers). */
    static boolean shardedEvents(RedisStore store) {
        return SharedSecrets.core().connection(store).shardedEvents();
    }

    /** PUBLISH through the server that Redao's pub/sub connections use; see {@code StoreConnection.publish}. */
    static long publish(RedisStore store, String channel, String message) {
        return SharedSecrets.core().connection(store).publish(channel.getBytes(StandardCharsets.UTF_8),
                message.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs {@code work} on a connection to each server of the store that holds data (each master of a cluster). */
    static void forEachServer(RedisStore store, Consumer<Jedis> work) {
        SharedSecrets.core().connection(store).forEachMaster(work);
    }
}
