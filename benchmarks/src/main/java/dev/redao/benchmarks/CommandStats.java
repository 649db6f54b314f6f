package dev.redao.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * Reads INFO commandstats: calls per command since the servers started, and the microseconds the
 * servers spent in them (under the key {@code <command>:usec}), added up over the servers that
 * hold data (each master of a cluster).
 */
final class CommandStats implements AutoCloseable {
    static final String USEC = ":usec";

    /** A connection of its own to each server, kept open. */
    private final List<Jedis> servers;

    CommandStats(List<Jedis> servers) {
        this.servers = List.copyOf(servers);
    }

    Map<String, Long> snapshot() {
        Map<String, Long> calls = new HashMap<>();
        for (Jedis jedis : servers) {
            add(jedis.info("commandstats"), calls);
        }
        return calls;
    }

    private static void add(String info, Map<String, Long> calls) {
        for (String line : info.split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), line.indexOf(':'));
            int at = line.indexOf("calls=") + "calls=".length();
            int end = line.indexOf(',', at);
            calls.merge(name, Long.parseLong(line.substring(at, end)), Long::sum);
            int u = line.indexOf("usec=") + "usec=".length();
            calls.merge(name + USEC, Long.parseLong(line.substring(u, line.indexOf(',', u))), Long::sum);
        }
    }

    @Override
    public void close() {
        servers.forEach(Jedis::close);
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
