package dev.redao.runtime.tools;

import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.internal.ServerInfo;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The servers' INFO replies (their default sections), with typed accessors for the figures a
 * dashboard shows (the statistics Zato reads from Redis) and {@link #raw()} for every other field.
 * A snapshot: call {@link RedisStore#serverInfo()} again for fresh figures.
 *
 * <p>On a Redis Cluster it covers every master: counts (clients, memory, ops/s, commands, keys)
 * are their sums, {@link #version()} and {@link #role()} and {@link #raw()} are the first master's
 * (in address order), {@link #uptime()} the shortest, and {@link #servers()} gives each master's
 * own figures. On one server, or through Sentinel, it is that server's INFO.
 */
public final class RedisInfo {
    /** One line of INFO's keyspace section, e.g. {@code db3:keys=12,expires=1,avg_ttl=0}. */
    public record Database(long keys, long expires, long averageTtlMillis) {}

    private final Map<String, String> raw;
    /** Each server's own INFO by its address; only this one's for a server's own. */
    private final Map<String, RedisInfo> servers;

    private RedisInfo(Map<String, String> raw, Map<String, RedisInfo> servers) {
        this.raw = Collections.unmodifiableMap(raw);
        this.servers = Collections.unmodifiableMap(servers);
    }

    /** Reads the text INFO returns. */
    static RedisInfo parse(String info) {
        return new RedisInfo(ServerInfo.parse(info), Map.of());
    }

    /** Reads the text INFO returns on each server that holds data, by address, in address order. */
    static RedisInfo parse(Map<String, String> infoByServer) {
        Map<String, RedisInfo> servers = new LinkedHashMap<>();
        infoByServer.forEach((address, info) -> servers.put(address, parse(info)));
        return new RedisInfo(servers.values().iterator().next().raw, servers);
    }

    /**
     * {@return each server that holds data (each master of a cluster), by address, with its own
     * figures; empty for one of those servers' own}
     */
    public Map<String, RedisInfo> servers() {
        return servers;
    }

    /** {@return every {@code name:value} field of the (first) server's reply, in the server's order} */
    public Map<String, String> raw() {
        return raw;
    }

    /** {@return {@code redis_version}, for example {@code 7.0.15}} */
    public String version() {
        return field("redis_version");
    }

    /** {@return {@code uptime_in_seconds}: how long the server (the youngest master) has been running} */
    public Duration uptime() {
        if (!servers.isEmpty()) {
            return servers.values().stream().map(RedisInfo::uptime).min(Duration::compareTo).orElseThrow();
        }
        return Duration.ofSeconds(number("uptime_in_seconds"));
    }

    /** {@return {@code connected_clients}, replicas excluded; this store's pooled connections count} */
    public long connectedClients() {
        return sum("connected_clients");
    }

    /** {@return {@code used_memory}: bytes the server's allocator holds} */
    public long usedMemory() {
        return sum("used_memory");
    }

    /**
     * {@return {@code instantaneous_ops_per_sec}: commands per second, averaged by the server over its
     * last samples}
     */
    public long opsPerSecond() {
        return sum("instantaneous_ops_per_sec");
    }

    /** {@return {@code total_commands_processed} since the server started} */
    public long totalCommands() {
        return sum("total_commands_processed");
    }

    private long sum(String name) {
        if (servers.isEmpty()) {
            return number(name);
        }
        long total = 0;
        for (RedisInfo server : servers.values()) {
            total += server.number(name);
        }
        return total;
    }

    /** {@return {@code role}: {@code master} or {@code slave} (a replica)} */
    public String role() {
        return field("role");
    }

    /**
     * {@return the keyspace section: keys, keys with an expiry and their average TTL per database
     * number} A database holding no keys is absent.
     */
    public Map<Integer, Database> keyspace() {
        if (!servers.isEmpty()) {
            Map<Integer, Database> dbs = new TreeMap<>();
            for (RedisInfo server : servers.values()) {
                server.keyspace().forEach((db, d) -> dbs.merge(db, d, RedisInfo::combined));
            }
            return Collections.unmodifiableMap(dbs);
        }
        Map<Integer, Database> dbs = new TreeMap<>();
        raw.forEach((name, value) -> {
            if (name.startsWith("db") && name.length() > 2 && name.substring(2).chars().allMatch(Character::isDigit)) {
                dbs.put(Integer.parseInt(name.substring(2)), database(name, value));
            }
        });
        return Collections.unmodifiableMap(dbs);
    }

    /** Two servers' figures of one database: the average TTL weighs each by its keys with an expiry. */
    private static Database combined(Database a, Database b) {
        long expires = a.expires() + b.expires();
        long avgTtl = expires == 0 ? 0
                : (a.averageTtlMillis() * a.expires() + b.averageTtlMillis() * b.expires()) / expires;
        return new Database(a.keys() + b.keys(), expires, avgTtl);
    }

    private Database database(String name, String value) {
        long keys = 0;
        long expires = 0;
        long avgTtl = 0;
        for (String part : value.split(",")) { // newer servers add more fields (subexpiry=...), which raw() keeps
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String v = part.substring(eq + 1);
            switch (part.substring(0, eq)) {
                case "keys" -> keys = parseLong(name, v);
                case "expires" -> expires = parseLong(name, v);
                case "avg_ttl" -> avgTtl = parseLong(name, v);
                default -> { }
            }
        }
        return new Database(keys, expires, avgTtl);
    }

    private String field(String name) {
        String value = raw.get(name);
        if (value == null) {
            throw new RedaoException("the server's INFO has no '" + name + "' field");
        }
        return value;
    }

    private long number(String name) {
        return parseLong(name, field(name));
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new RedaoException("the server's INFO field '" + name + "' is not a whole number: '" + value + "'", e);
        }
    }

    @Override
    public String toString() {
        return "Redis " + raw.get("redis_version") + " (" + raw.get("role") + "), up " + raw.get("uptime_in_seconds")
                + " s, " + raw.get("connected_clients") + " clients, " + raw.get("used_memory") + " bytes used, "
                + raw.get("instantaneous_ops_per_sec") + " ops/s";
    }
}
