package dev.redao.runtime.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.Pool;

/**
 * A replica of a Sentinel-watched master to read from ({@code readFrom=replica}), which Jedis's
 * Sentinel client does not offer: the first replica that a sentinel names as in sync (no
 * {@code s_down}, {@code o_down} or {@code disconnected} flag, its link to the master up), with a
 * pool of its own. When it fails, reads go to the master until the next read asks the sentinels
 * again.
 */
final class SentinelReplicas implements AutoCloseable {
    private final String service;
    private final Set<HostAndPort> sentinels;
    private final JedisClientConfig sentinelConfig;
    private final JedisClientConfig config;
    private final GenericObjectPoolConfig<Connection> pool;
    private RedisClient replica;
    private boolean closed;

    SentinelReplicas(String service, Set<HostAndPort> sentinels, JedisClientConfig sentinelConfig, JedisClientConfig config,
                     GenericObjectPoolConfig<Connection> pool) {
        this.service = service;
        this.sentinels = sentinels;
        this.sentinelConfig = sentinelConfig;
        this.config = config;
        this.pool = pool;
    }

    /** The client of a replica in sync, or null if the sentinels name none now. */
    synchronized UnifiedJedis client() {
        if (replica == null && !closed) {
            HostAndPort found = find();
            if (found != null) {
                replica = RedisClient.builder().hostAndPort(found).clientConfig(config).poolConfig(pool).build();
            }
        }
        return replica;
    }

    /** The pool of the replica read from, or null while there is none (this does not look for one). */
    synchronized Pool<Connection> pool() {
        return replica == null ? null : replica.getPool();
    }

    /** The replica failed: forget it. */
    synchronized void lost() {
        if (replica != null) {
            replica.close();
            replica = null;
        }
    }

    private HostAndPort find() {
        for (HostAndPort sentinel : sentinels) {
            try (Jedis jedis = new Jedis(sentinel, sentinelConfig)) {
                for (Map<String, String> r : jedis.sentinelReplicas(service)) {
                    String flags = r.getOrDefault("flags", "");
                    boolean down = List.of("s_down", "o_down", "disconnected").stream().anyMatch(flags::contains);
                    if (!down && "ok".equals(r.get("master-link-status"))) {
                        return new HostAndPort(r.get("ip"), Integer.parseInt(r.get("port")));
                    }
                }
                return null;
            } catch (JedisException e) {
                // this sentinel is unreachable: ask the next
            }
        }
        return null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        lost();
    }
}
