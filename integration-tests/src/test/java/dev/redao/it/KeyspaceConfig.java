package dev.redao.it;

import dev.redao.runtime.RedisStore;
import java.util.Map;

/** Reads and sets the server's {@code notify-keyspace-events}, so watch tests can start from a known value and restore it. */
final class KeyspaceConfig {
    static final String PARAMETER = "notify-keyspace-events";

    private KeyspaceConfig() {}

    static String get(RedisStore admin) {
        Map<String, String> reply = admin.execute(jedis -> jedis.configGet(PARAMETER));
        return reply.getOrDefault(PARAMETER, "");
    }

    static void set(RedisStore admin, String flags) {
        admin.execute(jedis -> jedis.configSet(PARAMETER, flags));
    }
}
