package dev.redao.it;

import dev.redao.runtime.RedisStore;

/**
 * Reads and sets the servers' {@code notify-keyspace-events}, so watch tests can start from a
 * known value and restore it: on every server of the deployment, since a cluster node notifies
 * only of its own keys.
 */
final class KeyspaceConfig {
    static final String PARAMETER = "notify-keyspace-events";

    private KeyspaceConfig() {}

    /** The value on the first server that holds data. */
    static String get(RedisStore admin) {
        return TestServers.onEachDataServer(jedis -> jedis.configGet(PARAMETER).getOrDefault(PARAMETER, "")).get(0);
    }

    static void set(RedisStore admin, String flags) {
        TestServers.onEveryServer(jedis -> jedis.configSet(PARAMETER, flags));
    }
}
