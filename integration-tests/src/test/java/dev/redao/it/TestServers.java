package dev.redao.it;

import dev.redao.runtime.RedisUrl;
import dev.redao.testsupport.LocalRedis;
import dev.redao.testsupport.RedisCluster;
import dev.redao.testsupport.RedisNode;
import dev.redao.testsupport.RedisSentinels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

/**
 * The deployment the suite runs against, chosen by the system property
 * {@code redao.redis.deployment}: {@code server} (the default: the server LocalRedis finds),
 * {@code cluster} (test-support's shared 3+3 Redis Cluster) or {@code sentinel} (its shared
 * Sentinel setup). The pom runs the suite once per deployment.
 */
final class TestServers {
    enum Deployment { SERVER, CLUSTER, SENTINEL }

    static final Deployment DEPLOYMENT =
            Deployment.valueOf(System.getProperty("redao.redis.deployment", "server").toUpperCase(Locale.ROOT));

    private TestServers() {}

    /** The base URL of the deployment, without parameters: a namespace and others follow after '?'. */
    static String url() {
        return switch (DEPLOYMENT) {
            case SERVER -> LocalRedis.shared().url();
            case CLUSTER -> RedisCluster.shared().url();
            case SENTINEL -> RedisSentinels.shared().url();
        };
    }

    /** {@link #url()} with a user and password for the data servers (percent-encode what needs it). */
    static String urlAs(String user, String password) {
        String url = url();
        int hosts = url.indexOf("://") + 3;
        return url.substring(0, hosts) + user + ":" + password + "@" + url.substring(hosts);
    }

    static String version() {
        return switch (DEPLOYMENT) {
            case SERVER -> LocalRedis.shared().version();
            case CLUSTER -> RedisCluster.shared().version();
            case SENTINEL -> RedisSentinels.shared().version();
        };
    }

    /** The servers that hold data now (each master of a cluster), in the order of their addresses. */
    static List<HostAndPort> dataServers() {
        return addresses(switch (DEPLOYMENT) {
            case SERVER -> List.of(localServer());
            case CLUSTER -> RedisCluster.shared().masters();
            case SENTINEL -> List.of(RedisSentinels.shared().currentMaster());
        });
    }

    /**
     * Every server of the deployment, replicas included: an ACL user or a setting must reach each,
     * since a cluster client connects to replicas too and a replica may become the master.
     */
    static List<HostAndPort> allServers() {
        return addresses(switch (DEPLOYMENT) {
            case SERVER -> List.of(localServer());
            case CLUSTER -> RedisCluster.shared().nodes();
            case SENTINEL -> RedisSentinels.shared().servers();
        });
    }

    private static RedisNode localServer() {
        RedisUrl url = RedisUrl.parse(LocalRedis.shared().url());
        return new RedisNode(url.host(), url.port());
    }

    private static List<HostAndPort> addresses(List<RedisNode> nodes) {
        return nodes.stream().map(n -> new HostAndPort(n.host(), n.port()))
                .sorted(Comparator.comparing(HostAndPort::toString)).toList();
    }

    /**
     * Runs {@code work} on a connection of its own to each server of the deployment, replicas
     * included, and returns what each returned, in {@link #allServers()}'s order: the commands
     * about the servers themselves (ACL, CONFIG, SCRIPT, CLIENT, PUBSUB).
     */
    static <R> List<R> onEveryServer(Function<Jedis, R> work) {
        return onEach(allServers(), work);
    }

    /** As {@link #onEveryServer}, on each server that holds data (each master). */
    static <R> List<R> onEachDataServer(Function<Jedis, R> work) {
        return onEach(dataServers(), work);
    }

    private static <R> List<R> onEach(List<HostAndPort> servers, Function<Jedis, R> work) {
        List<R> out = new ArrayList<>();
        for (HostAndPort node : servers) {
            try (Jedis jedis = connect(node)) {
                out.add(work.apply(jedis));
            }
        }
        return out;
    }

    /** A connection of its own to one server of the deployment, as an administrator. */
    static Jedis connect(HostAndPort node) {
        RedisUrl url = RedisUrl.parse(DEPLOYMENT == Deployment.SERVER ? LocalRedis.shared().url() : "redis://127.0.0.1");
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2);
        if (url.password() != null) {
            config.user(url.user()).password(url.password());
        }
        return new Jedis(node, config.build());
    }
}
