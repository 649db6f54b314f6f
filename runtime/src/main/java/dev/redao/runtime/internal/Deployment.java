package dev.redao.runtime.internal;

import dev.redao.runtime.RedisUrl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The servers behind a store, one kind per {@link RedisUrl.Kind}: one server, a Redis Cluster, or
 * a master found through Sentinel. Everything that differs between them is here, so the rest of
 * the runtime has one code path: commands go through {@link #client()}, which routes each by its
 * keys (Jedis's {@code RedisClient}, {@code RedisClusterClient} or {@code RedisSentinelClient}),
 * and what must reach every server that holds data (a SCAN, a setting) goes to each of
 * {@link #masters()}.
 */
public abstract sealed class Deployment implements AutoCloseable {
    private final JedisClientConfig config;

    private Deployment(JedisClientConfig config) {
        this.config = config;
    }

    /**
     * Connects the client of the URL's kind.
     *
     * @param config the data servers' connection settings
     * @param sentinelConfig the sentinels' connection settings (only for {@link RedisUrl.Kind#SENTINEL})
     */
    static Deployment of(RedisUrl url, JedisClientConfig config, JedisClientConfig sentinelConfig,
                         GenericObjectPoolConfig<Connection> pool) {
        Set<HostAndPort> nodes = url.nodes().stream().map(n -> new HostAndPort(n.host(), n.port()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return switch (url.kind()) {
            case SERVER -> new Server(RedisClient.builder().hostAndPort(nodes.iterator().next())
                    .clientConfig(config).poolConfig(pool).build(), nodes.iterator().next(), config);
            case CLUSTER -> new Cluster(RedisClusterClient.builder().nodes(nodes)
                    .clientConfig(config).poolConfig(pool).build(), config);
            case SENTINEL -> new Sentinel(RedisSentinelClient.builder().masterName(url.service()).sentinels(nodes)
                    .sentinelClientConfig(sentinelConfig).clientConfig(config).poolConfig(pool).build(), config);
        };
    }

    /** Runs commands, each on the server that holds its keys. */
    abstract UnifiedJedis client();

    /** The servers that hold data now: the server, the current master, or every master of the cluster. */
    abstract List<HostAndPort> masters();

    /** A connection of its own to one server, with the store's settings: the caller closes it. */
    Jedis connect(HostAndPort node) {
        return new Jedis(node, config);
    }

    @Override
    public void close() {
        client().close();
    }

    private static final class Server extends Deployment {
        private final RedisClient client;
        private final HostAndPort node;

        Server(RedisClient client, HostAndPort node, JedisClientConfig config) {
            super(config);
            this.client = client;
            this.node = node;
        }

        @Override
        UnifiedJedis client() {
            return client;
        }

        @Override
        List<HostAndPort> masters() {
            return List.of(node);
        }
    }

    private static final class Cluster extends Deployment {
        private final RedisClusterClient client;

        Cluster(RedisClusterClient client, JedisClientConfig config) {
            super(config);
            this.client = client;
        }

        @Override
        UnifiedJedis client() {
            return client;
        }

        /** The nodes the client knows that say they are masters, in their address order. */
        @Override
        List<HostAndPort> masters() {
            List<HostAndPort> out = new ArrayList<>();
            for (Map.Entry<String, ConnectionPool> node : client.getClusterNodes().entrySet()) {
                try (Jedis jedis = new Jedis(node.getValue().getResource())) {
                    if (ServerInfo.parse(jedis.info("replication")).get("role").equals("master")) {
                        out.add(HostAndPort.from(node.getKey()));
                    }
                }
            }
            out.sort(Comparator.comparing(HostAndPort::toString));
            return out;
        }
    }

    private static final class Sentinel extends Deployment {
        private final RedisSentinelClient client;

        Sentinel(RedisSentinelClient client, JedisClientConfig config) {
            super(config);
            this.client = client;
        }

        @Override
        UnifiedJedis client() {
            return client;
        }

        @Override
        List<HostAndPort> masters() {
            return List.of(client.getCurrentMaster());
        }
    }
}
