package dev.redao.benchmarks;

import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Reads INFO commandstats: calls per command since the server started, and the microseconds the
 * server spent in them (under the key {@code <command>:usec}).
 */
final class CommandStats {
    static final String USEC = ":usec";

    private final JedisPool pool;

    CommandStats(JedisPool pool) {
        this.pool = pool;
    }

    Map<String, Long> snapshot() {
        String info;
        try (Jedis jedis = pool.getResource()) {
            info = jedis.info("commandstats");
        }
        Map<String, Long> calls = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), line.indexOf(':'));
            int at = line.indexOf("calls=") + "calls=".length();
            int end = line.indexOf(',', at);
            calls.put(name, Long.parseLong(line.substring(at, end)));
            int u = line.indexOf("usec=") + "usec=".length();
            calls.put(name + USEC, Long.parseLong(line.substring(u, line.indexOf(',', u))));
        }
        return calls;
    }

    /** The calls of each command between two snapshots, without the INFO calls themselves. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new HashMap<>();
        after.forEach((name, n) -> {
            long diff = n - before.getOrDefault(name, 0L);
            if (diff > 0 && !name.startsWith("info")) {
                d.put(name, diff);
            }
        });
        return d;
    }
}
