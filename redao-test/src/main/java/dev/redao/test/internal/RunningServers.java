package dev.redao.test.internal;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.internal.SharedSecrets;
import dev.redao.testsupport.LocalRedis;
import dev.redao.testsupport.RedisCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * The server (or cluster) of one {@link ServerSpec}, started once per JVM: JUnit keeps it in its
 * root store, which closes it when the test run ends.
 */
public final class RunningServers implements AutoCloseable {
    private static final String NOTIFY = "notify-keyspace-events";
    /** Masters of a test cluster: the fewest Redis Cluster needs to agree on a failure. */
    private static final int CLUSTER_MASTERS = 3;

    private final ServerSpec spec;
    private final String url;
    private final String version;
    /** Stops what was started; nothing for a server of REDIS_URL. */
    private final Runnable stop;
    /** The notification flags a server of REDIS_URL had, to set back on close; null when there is nothing to restore. */
    private final String previousFlags;
    /** A store without a namespace, which empties the tests' namespaces whatever became of their own stores. */
    private final RedisStore cleaner;

    private RunningServers(ServerSpec spec, String url, String version, Runnable stop, String previousFlags) {
        this.spec = spec;
        this.url = url;
        this.version = version;
        this.stop = stop;
        this.previousFlags = previousFlags;
        this.cleaner = RedisStore.connect(url);
    }

    /**
     * Starts (or, for {@code REDIS_URL}, connects to) what {@code spec} asks for.
     *
     * @throws IllegalStateException if a server cannot start or be reached
     */
    public static RunningServers start(ServerSpec spec) {
        Path binary = spec.binary();
        if (spec.cluster()) {
            RedisCluster cluster = binary == null ? RedisCluster.start(CLUSTER_MASTERS, 0)
                    : RedisCluster.start(CLUSTER_MASTERS, 0, binary);
            return configured(spec, cluster.url(), cluster.version(), cluster::close, false);
        }
        LocalRedis redis = binary == null ? LocalRedis.start() : LocalRedis.startOwn(binary);
        return configured(spec, redis.url(), redis.version(), redis::close, redis.source() == LocalRedis.Source.ENV);
    }

    private static RunningServers configured(ServerSpec spec, String url, String version, Runnable stop, boolean notOurs) {
        try {
            String previous = null;
            if (!spec.keyspaceEvents().isEmpty()) {
                List<String> before = setFlags(url, spec.keyspaceEvents(), true);
                previous = notOurs ? before.get(0) : null;
            }
            return new RunningServers(spec, url, version, stop, previous);
        } catch (RuntimeException | Error e) {
            try {
                stop.run();
            } catch (RuntimeException | Error alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    /**
     * Sets the flags on every master (for a server of our own or a cluster's, the flags are the
     * setting; for one of REDIS_URL, {@code add} puts them beside those it has).
     *
     * @return each master's flags before
     */
    private static List<String> setFlags(String url, String flags, boolean add) {
        List<String> before = new ArrayList<>();
        try (RedisStore store = RedisStore.connect(url)) {
            SharedSecrets.core().connection(store).forEachMaster((Jedis jedis) -> {
                Map<String, String> current = jedis.configGet(NOTIFY);
                String had = current.getOrDefault(NOTIFY, "");
                before.add(had);
                jedis.configSet(NOTIFY, add ? union(had, flags) : flags);
            });
        }
        return before;
    }

    /** The flags of both, each once. */
    private static String union(String a, String b) {
        Set<Integer> chars = new LinkedHashSet<>();
        (a + b).chars().forEach(chars::add);
        return chars.stream().map(c -> Character.toString(c)).collect(Collectors.joining());
    }

    /** {@return the connection string of the server or cluster, without a namespace} */
    public String url() {
        return url;
    }

    /** {@return the Redis version the servers run} */
    public String version() {
        return version;
    }

    /**
     * Deletes every key of a namespace: its plain keys ({@code <ns>:...}) and its hash-tagged ones
     * (<code>{&lt;ns&gt;:...</code>), as the runtime's pattern delete finds them.
     */
    void deleteNamespace(String namespace) {
        cleaner.keyspace().deletePattern(namespace + ":*");
        cleaner.keyspace().deletePattern("{" + namespace + ":*");
    }

    /** Stops the servers this started; a server of REDIS_URL gets its notification flags back. */
    @Override
    public void close() {
        try (cleaner) {
            if (previousFlags != null) {
                setFlags(url, previousFlags, false);
            }
        } finally {
            stop.run();
        }
    }

    @Override
    public String toString() {
        return spec + ": " + url + " (Redis " + version + ")";
    }
}
