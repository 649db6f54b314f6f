package dev.redao.runtime.internal;

import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.metrics.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.builders.ClusterClientBuilder;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.Pool;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The servers behind a store, one kind per {@link RedisUrl.Kind}: one server, a Redis Cluster, or
 * a master found through Sentinel. Everything that differs between them is here, so the rest of
 * the runtime has one code path: commands go through {@link #client()}, which routes each by its
 * keys (Jedis's {@code RedisClient}, {@code RedisClusterClient} or {@code RedisSentinelClient}),
 * and what must reach every server that holds data (a SCAN, a setting) goes to each of
 * {@link #masters()}.
 */
public abstract sealed class Deployment implements AutoCloseable {
    /** How often a cluster client that reads from replicas asks which replicas there are. */
    private static final Duration REPLICA_DISCOVERY = Duration.ofSeconds(10);
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
            // a command redirected or cut off during a failover is retried, but never past the
            // timeout: the caller then gets a retryable exception rather than a longer wait
            case CLUSTER -> {
                ClusterClientBuilder<RedisClusterClient> cluster = RedisClusterClient.builder().nodes(nodes)
                        .maxTotalRetriesDuration(Duration.ofMillis(url.timeoutMillis()))
                        .clientConfig(config).poolConfig(pool);
                if (url.readFromReplica()) {
                    // CLUSTER SLOTS names a replica only once it has synced: ask again now and then,
                    // so that replicas that came later take the reads off their masters
                    cluster.topologyRefreshPeriod(REPLICA_DISCOVERY);
                }
                yield new Cluster(cluster.build(), config, url.readFromReplica());
            }
            case SENTINEL -> new Sentinel(RedisSentinelClient.builder().masterName(url.service()).sentinels(nodes)
                    .sentinelClientConfig(sentinelConfig).clientConfig(config).poolConfig(pool).build(), config,
                    url.readFromReplica() ? new SentinelReplicas(url.service(), nodes, sentinelConfig, config, pool) : null);
        };
    }

    /** Runs commands, each on the server that holds its keys. */
    abstract UnifiedJedis client();

    /**
     * Whether {@link #client()} sends a command again when its connection is cut off before the
     * reply (the cluster client does, to ride out failovers): fine for a read, but a write that
     * ran before the cut would run twice, so writes go on a connection of their own
     * ({@link #borrowForSlot}).
     */
    boolean retriesCutOffCalls() {
        return false;
    }

    /** The servers that hold data now: the server, the current master, or every master of the cluster. */
    abstract List<HostAndPort> masters();

    /**
     * One hash slot per server that holds data, each served by another: the lowest slot of each
     * master of a cluster, {@code 0} for one server. A connection that follows "the owner of slot
     * s" follows one master through failovers, since the replica that takes over serves its slots.
     */
    abstract List<Integer> masterSlots();

    /** The server that holds {@code slot} now, asked of the servers (a pub/sub connection asks on each reconnect). */
    abstract HostAndPort ownerOf(int slot);

    /**
     * A pooled connection to the server that holds {@code slot} (closing it gives it back), for
     * commands that must share one connection: a script and the WAIT for its replicas.
     */
    abstract Jedis borrowForSlot(int slot);

    /**
     * Runs a read-only script (EVALSHA_RO, or EVAL_RO with its text) on a replica of the master
     * that holds its keys, where the deployment reads from replicas (a cluster with
     * {@code readFrom=replica}); elsewhere on the master.
     */
    Object evalReadOnly(Script script, boolean text, List<byte[]> keys, List<byte[]> args) {
        return text ? client().evalReadonly(script.text(), keys, args) : client().evalshaReadonly(script.sha(), keys, args);
    }

    /** A pipeline that sends each command to the server that holds its keys; the caller closes it. */
    AbstractPipeline pipelined() {
        return client().pipelined();
    }

    /** After a connection to a server failed: ask the servers again who holds what (a cluster's slots). */
    void refresh() {
    }

    /** PUBLISH through the server that holds {@code slot}, so that its count is of that server's subscribers. */
    long publish(int slot, byte[] channel, byte[] message) {
        return client().publish(channel, message);
    }

    /** The client's connection pools now: one per server it pools connections to. */
    abstract Collection<? extends Pool<Connection>> pools();

    /** The pools' figures, summed. */
    PoolStats poolStats() {
        int active = 0;
        int idle = 0;
        int waiting = 0;
        int count = 0;
        for (Pool<Connection> pool : pools()) {
            active += pool.getNumActive();
            idle += pool.getNumIdle();
            waiting += pool.getNumWaiters();
            count++;
        }
        return new PoolStats(active, idle, waiting, count);
    }

    /** A connection of its own to one server, with the store's settings: the caller closes it. */
    Jedis connect(HostAndPort node) {
        return new Jedis(node, config);
    }

    /**
     * A connection to one server from the client's pool where it has one (closing it gives it
     * back), else one of its own: for what must reach each server, without a handshake per call.
     */
    Jedis borrow(HostAndPort node) {
        return connect(node);
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

        @Override
        List<Integer> masterSlots() {
            return List.of(0);
        }

        @Override
        HostAndPort ownerOf(int slot) {
            return node;
        }

        @Override
        Jedis borrow(HostAndPort server) {
            return server.equals(node) ? borrowForSlot(0) : connect(server);
        }

        @Override
        Jedis borrowForSlot(int slot) {
            return new Jedis(client.getPool().getResource());
        }

        @Override
        Collection<? extends Pool<Connection>> pools() {
            return List.of(client.getPool());
        }
    }

    private static final class Cluster extends Deployment {
        /** As many threads as Jedis would start for each sync, kept for the store's life instead. */
        private static final int PIPELINE_THREADS = 3;
        private final RedisClusterClient client;
        private final boolean readFromReplicas;
        /** Builds the commands sent to replicas, which the client has no method for. */
        private final CommandObjects commands = new CommandObjects(RedisProtocol.RESP2);
        /** Writes and reads a pipeline's commands on each node at once; made on first use. */
        private volatile ExecutorService pipelineThreads;

        Cluster(RedisClusterClient client, JedisClientConfig config, boolean readFromReplicas) {
            super(config);
            this.client = client;
            this.readFromReplicas = readFromReplicas;
        }

        @Override
        UnifiedJedis client() {
            return client;
        }

        /** The masters that serve slots, as the cluster says now, in their address order. */
        @Override
        List<HostAndPort> masters() {
            List<HostAndPort> out = new ArrayList<>(slotRanges().keySet());
            out.sort(Comparator.comparing(HostAndPort::toString));
            return out;
        }

        @Override
        List<Integer> masterSlots() {
            List<Integer> out = new ArrayList<>(slotRanges().values());
            out.sort(Comparator.naturalOrder());
            return out;
        }

        /** Each master that serves slots, with the lowest slot it serves. */
        private Map<HostAndPort, Integer> slotRanges() {
            Map<HostAndPort, Integer> lowest = new LinkedHashMap<>();
            forEachRange((start, end, master) -> lowest.merge(master, start, Math::min));
            return lowest;
        }

        /** A slot range of CLUSTER SLOTS and the master that serves it. */
        private interface RangeVisitor {
            void visit(int start, int end, HostAndPort master);
        }

        /**
         * The slot ranges from CLUSTER SLOTS of the first node that answers (a failed node is
         * skipped: the others know who took over).
         */
        private void forEachRange(RangeVisitor visitor) {
            JedisException failure = null;
            for (ConnectionPool pool : client.getClusterNodes().values()) {
                try (Jedis jedis = new Jedis(pool.getResource())) {
                    for (Object range : jedis.clusterSlots()) {
                        List<?> fields = (List<?>) range;
                        List<?> master = (List<?>) fields.get(2);
                        visitor.visit(((Long) fields.get(0)).intValue(), ((Long) fields.get(1)).intValue(),
                                new HostAndPort(SafeEncoder.encode((byte[]) master.get(0)), ((Long) master.get(1)).intValue()));
                    }
                    return;
                } catch (JedisException e) {
                    failure = e;
                }
            }
            throw failure != null ? failure : new JedisConnectionException("no node of the cluster is known");
        }

        /**
         * Asked of the cluster itself rather than of the client's cached slot map: while a slot has
         * no master (during a failover) the client would hand out a connection to any node, and a
         * subscriber connected there would never hear the slot's messages. The node named must say
         * it is a master.
         */
        @Override
        HostAndPort ownerOf(int slot) {
            HostAndPort[] owner = new HostAndPort[1];
            forEachRange((start, end, master) -> {
                if (start <= slot && slot <= end) {
                    owner[0] = master;
                }
            });
            if (owner[0] == null) {
                throw new JedisConnectionException("no master serves slot " + slot + " now");
            }
            // a node that just came back may still name itself, from its old configuration
            try (Jedis jedis = borrow(owner[0])) {
                if (!"master".equals(ServerInfo.parse(jedis.info("replication")).get("role"))) {
                    throw new JedisConnectionException(owner[0] + " is named master of slot " + slot + " but is none (yet)");
                }
            }
            return owner[0];
        }

        @Override
        Jedis borrow(HostAndPort node) {
            ConnectionPool pool = client.getClusterNodes().get(node.toString());
            return pool == null ? connect(node) : new Jedis(pool.getResource());
        }

        @Override
        Jedis borrowForSlot(int slot) {
            return new Jedis(client.getConnectionFromSlot(slot));
        }

        /** A pool per node the client knows, replicas included. */
        @Override
        Collection<? extends Pool<Connection>> pools() {
            return client.getClusterNodes().values();
        }

        @Override
        boolean retriesCutOffCalls() {
            return true;
        }

        @Override
        Object evalReadOnly(Script script, boolean text, List<byte[]> keys, List<byte[]> args) {
            if (!readFromReplicas) {
                return super.evalReadOnly(script, text, keys, args);
            }
            return client.executeCommandToReplica(text ? commands.evalReadonly(script.text(), keys, args)
                    : commands.evalshaReadonly(script.sha(), keys, args));
        }

        @Override
        void refresh() {
            client.refreshClusterTopology();
        }

        @Override
        AbstractPipeline pipelined() {
            ExecutorService threads = pipelineThreads;
            if (threads == null) {
                synchronized (this) {
                    if (pipelineThreads == null) {
                        AtomicInteger n = new AtomicInteger();
                        pipelineThreads = Executors.newFixedThreadPool(PIPELINE_THREADS, task -> {
                            Thread t = new Thread(task, "redao-pipeline-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
                    }
                    threads = pipelineThreads;
                }
            }
            return client.pipelined(threads);
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                ExecutorService threads = pipelineThreads;
                if (threads != null) {
                    threads.shutdown();
                }
            }
        }

        @Override
        long publish(int slot, byte[] channel, byte[] message) {
            try (Jedis jedis = new Jedis(client.getConnectionFromSlot(slot))) {
                return jedis.publish(channel, message);
            }
        }
    }

    private static final class Sentinel extends Deployment {
        private final RedisSentinelClient client;
        /** With readFrom=replica, a replica the sentinels name; else null. */
        private final SentinelReplicas replicas;

        Sentinel(RedisSentinelClient client, JedisClientConfig config, SentinelReplicas replicas) {
            super(config);
            this.client = client;
            this.replicas = replicas;
        }

        @Override
        Object evalReadOnly(Script script, boolean text, List<byte[]> keys, List<byte[]> args) {
            if (replicas != null) {
                UnifiedJedis replica = replicas.client();
                if (replica != null) {
                    try {
                        return text ? replica.evalReadonly(script.text(), keys, args)
                                : replica.evalshaReadonly(script.sha(), keys, args);
                    } catch (JedisConnectionException e) {
                        replicas.lost(); // the next read asks the sentinels again; this one goes to the master
                    }
                }
            }
            return super.evalReadOnly(script, text, keys, args);
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                if (replicas != null) {
                    replicas.close();
                }
            }
        }

        @Override
        UnifiedJedis client() {
            return client;
        }

        @Override
        List<HostAndPort> masters() {
            return List.of(client.getCurrentMaster());
        }

        @Override
        List<Integer> masterSlots() {
            return List.of(0);
        }

        @Override
        HostAndPort ownerOf(int slot) {
            return client.getCurrentMaster();
        }

        @Override
        Jedis borrow(HostAndPort node) {
            // the client pools connections to the current master only
            for (Map.Entry<?, Pool<Connection>> master : client.getPrimaryNodesConnectionMap().entrySet()) {
                if (master.getKey().toString().equals(node.toString())) {
                    return new Jedis(master.getValue().getResource());
                }
            }
            return connect(node);
        }

        @Override
        Jedis borrowForSlot(int slot) {
            return borrow(client.getCurrentMaster());
        }

        /** The current master's pool, and the pool of the replica that reads go to, once there is one. */
        @Override
        Collection<? extends Pool<Connection>> pools() {
            List<Pool<Connection>> out = new ArrayList<>(client.getPrimaryNodesConnectionMap().values());
            Pool<Connection> replica = replicas == null ? null : replicas.pool();
            if (replica != null) {
                out.add(replica);
            }
            return out;
        }
    }
}
