package dev.redao.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * Reads INFO commandstats: calls per command since the servers started, and the microseconds the
 * servers spent in them (under the key {@code <command>:usec}), added up over the servers that
 * hold data (each master of a cluster); and each server's own microseconds in scripts and in
 * other commands (under {@link #scriptsOf} and {@link #commandsOf}), which tell the busiest server.
 */
final class CommandStats implements AutoCloseable {
    static final String USEC = ":usec";
    /** Where a key names one server's own total rather than a command's. */
    static final String SERVER = "@";
    static final java.util.Set<String> SCRIPT_CALLS = java.util.Set.of("evalsha", "eval", "evalsha_ro", "eval_ro");

    /** The key of server {@code i}'s microseconds in scripts (the commands they run included). */
    static String scriptsOf(int i) {
        return SERVER + i + ":scripts" + USEC;
    }

    /** The key of server {@code i}'s microseconds in commands sent by clients other than scripts. */
    static String commandsOf(int i) {
        return SERVER + i + ":commands" + USEC;
    }

    int servers() {
        return servers.size();
    }

    /** A connection of its own to each server, kept open. */
    private final List<Jedis> servers;

    CommandStats(List<Jedis> servers) {
        this.servers = List.copyOf(servers);
    }

    Map<String, Long> snapshot() {
        Map<String, Long> calls = new HashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            add(servers.get(i).info("commandstats"), calls, i);
        }
        return calls;
    }

    private static void add(String info, Map<String, Long> calls, int server) {
        for (String line : info.split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), line.indexOf(':'));
            int at = line.indexOf("calls=") + "calls=".length();
            int end = line.indexOf(',', at);
            calls.merge(name, Long.parseLong(line.substring(at, end)), Long::sum);
            int u = line.indexOf("usec=") + "usec=".length();
            long usec = Long.parseLong(line.substring(u, line.indexOf(',', u)));
            calls.merge(name + USEC, usec, Long::sum);
            if (!name.startsWith("info")) {
                calls.merge(SCRIPT_CALLS.contains(name) ? scriptsOf(server) : commandsOf(server), usec, Long::sum);
            }
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
