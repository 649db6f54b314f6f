package dev.redao.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A throw-away Redis Cluster for tests: by default 3 masters with one replica each, every node a
 * {@code redis-server} process of its own on a free 127.0.0.1 port, started from the binary
 * {@link LocalRedis#startOwn()} would run (the embedded Redis 6.2 under
 * {@code -Dredao.redis.server=embedded}, else the PATH's {@code redis-server}, else the embedded one).
 * {@code REDIS_URL} names a single server and plays no part: a cluster is always started here.
 *
 * <pre>{@code
 * try (RedisCluster cluster = RedisCluster.start()) {
 *     var client = RedisClusterClient.create(cluster.seeds().stream().map(HostAndPort::from).collect(toSet()));
 *     client.set("k", "v");
 *
 *     RedisNode master = cluster.masterForKey("k");
 *     cluster.kill(master);               // SIGKILL: a crash, not a shutdown
 *     Duration took = cluster.awaitFailover();
 *     client.get("k");                    // served by the promoted replica
 *     cluster.restart(master);            // comes back as that replica's replica
 * }
 * }</pre>
 *
 * <p><b>What it starts.</b> The masters split the 16384 slots evenly, in order; each replica
 * replicates one master. {@link #start} returns once every node reports {@code cluster_state:ok}, all
 * nodes agree on who is there, who owns which slots and who replicates whom, and every replica has
 * finished its first sync. That takes a little over 2 s, since a new master declares the cluster ok
 * no sooner than 2 s after it started (Redis waits that long to hear of newer configurations). Each
 * node listens on a port the OS picked and on that port plus 10000 for
 * the cluster bus (so ports are below 55536 and both are checked free), keeps its
 * {@code nodes.conf} in a temporary directory of its own, and persists nothing else: no RDB, no AOF,
 * diskless replication.
 *
 * <p><b>Failover.</b> {@value #NODE_TIMEOUT_MILLIS} ms of silence make a node suspect
 * ({@code cluster-node-timeout}); once most masters agree it has failed, its replica waits half a
 * second and a random part of another (so that replicas of one master do not run at once), then is
 * elected, however long it was cut off ({@code cluster-replica-validity-factor 0}). A failover thus
 * takes one to two seconds, and needs most masters alive, so at least 3. Replicas never move to
 * another master on their own ({@code cluster-allow-replica-migration no}), so the layout changes
 * only through what a test does.
 *
 * <p>Every wait is bounded and polls the nodes ({@code CLUSTER INFO}, {@code CLUSTER NODES},
 * {@code INFO replication}) with growing pauses, rather than sleeping a fixed time.
 */
public final class RedisCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCluster.class);

    /** Slots of a Redis Cluster, numbered 0 to 16383. */
    public static final int SLOTS = ClusterNodes.SLOTS;
    /** {@code cluster-node-timeout}: short, for quick failovers, yet far above a loopback round trip. */
    public static final int NODE_TIMEOUT_MILLIS = 500;
    /** Bounds forming the cluster, a failover and a restart. */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final String URL_SCHEME = "redis-cluster://";
    /** Of each node's log, in the message when the cluster does not settle. */
    private static final int LOG_LINES = 8;

    private static final RedisProcess.ServerConfig NODE_CONFIG = RedisProcess.ServerConfig.arguments(Stream.concat(Stream.of(
            "--cluster-enabled", "yes",
            "--cluster-config-file", "nodes.conf", // in the node's directory, so restart() finds it
            "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS),
            // known from the start, where a node otherwise learns its address from the first node to meet it
            // (a cluster of one never does)
            "--cluster-announce-ip", "127.0.0.1",
            "--cluster-replica-validity-factor", "0",
            "--cluster-allow-replica-migration", "no"), RedisProcess.QUICK_FIRST_SYNC.stream()).toList());

    private static RedisCluster shared;

    private final int masterCount;
    private final int replicasPerMaster;
    /** As started: the masters, then the replicas of the first master, of the second... */
    private final List<RedisProcess> processes;
    private final String version;
    private final boolean isShared;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** When the last {@link #kill} happened, for {@link #awaitFailover()}; 0 if none. */
    private volatile long lastKillNanos;

    private RedisCluster(int masterCount, int replicasPerMaster, List<RedisProcess> processes, boolean isShared) {
        this.masterCount = masterCount;
        this.replicasPerMaster = replicasPerMaster;
        this.processes = List.copyOf(processes);
        this.version = processes.get(0).serverInfo().getOrDefault("redis_version", "unknown");
        this.isShared = isShared;
    }

    /** {@return a new cluster of 3 masters with one replica each: the smallest that survives losing a master} */
    public static RedisCluster start() {
        return start(3, 1);
    }

    /**
     * @param masters how many masters share the slots; failovers need at least 3
     * @param replicasPerMaster replicas of each master; 0 for a cluster without failover
     * @return the started cluster, settled
     * @throws IllegalStateException if a node cannot start or the cluster does not settle within 30 s;
     *     nothing is left running then
     */
    public static RedisCluster start(int masters, int replicasPerMaster) {
        return start(masters, replicasPerMaster, RedisBinaries.forOwnServers(), false);
    }

    /**
     * As {@link #start(int, int)}, every node from {@code binary}: a {@code redis-server} of
     * another version than the PATH's, say, or {@link LocalRedis#embeddedBinary()}.
     *
     * @param masters how many masters share the slots; failovers need at least 3
     * @param replicasPerMaster replicas of each master; 0 for a cluster without failover
     * @param binary the {@code redis-server} executable
     * @return the started cluster, settled
     * @throws IllegalStateException if a node cannot start or the cluster does not settle within 30 s;
     *     nothing is left running then
     */
    public static RedisCluster start(int masters, int replicasPerMaster, Path binary) {
        return start(masters, replicasPerMaster, binary, false);
    }

    /**
     * One cluster per JVM, started by {@link #start()} on first use and stopped when the JVM exits. Its
     * {@link #close()} does nothing. A test that kills one of its nodes must {@link #restart} it, or the
     * next test gets a cluster without that redundancy; a test that needs its own layout starts its own.
     *
     * @return the JVM's cluster
     */
    public static synchronized RedisCluster shared() {
        if (shared == null) {
            shared = start(3, 1, RedisBinaries.forOwnServers(), true);
        }
        return shared;
    }

    private static RedisCluster start(int masters, int replicasPerMaster, Path binary, boolean isShared) {
        if (masters < 1 || masters > SLOTS) {
            throw new IllegalArgumentException("masters must be 1 to " + SLOTS + ": " + masters);
        }
        if (replicasPerMaster < 0) {
            throw new IllegalArgumentException("replicasPerMaster must not be negative: " + replicasPerMaster);
        }
        long begin = System.nanoTime();
        List<RedisProcess> processes = new ArrayList<>();
        try {
            for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
                processes.add(RedisProcess.launch(binary, NODE_CONFIG, Ports::freeClusterPort, RedisProcess.READY_TIMEOUT));
            }
            RedisCluster cluster = new RedisCluster(masters, replicasPerMaster, processes, isShared);
            cluster.form();
            LOG.info("{} ready in {} ms", cluster, Duration.ofNanos(System.nanoTime() - begin).toMillis());
            return cluster;
        } catch (RuntimeException | Error e) {
            processes.forEach(RedisProcess::stop);
            throw e;
        }
    }

    private void form() {
        List<String> ids = processes.stream().map(p -> call(p, "CLUSTER MYID", Jedis::clusterMyId)).toList();
        for (int i = 0; i < processes.size(); i++) {
            String epoch = Integer.toString(i + 1);
            // distinct epochs, as redis-cli --cluster create gives them, spare the nodes settling a tie at 0
            call(processes.get(i), "CLUSTER SET-CONFIG-EPOCH", jedis -> jedis.sendCommand(Protocol.Command.CLUSTER, "SET-CONFIG-EPOCH", epoch));
        }
        for (int i = 0; i < masterCount; i++) {
            int[] slots = IntStream.range(i * SLOTS / masterCount, (i + 1) * SLOTS / masterCount).toArray();
            call(processes.get(i), "CLUSTER ADDSLOTS", jedis -> jedis.clusterAddSlots(slots)); // ADDSLOTSRANGE is Redis 7
        }
        RedisProcess first = processes.get(0);
        for (RedisProcess other : processes.subList(1, processes.size())) {
            call(first, "CLUSTER MEET", jedis -> jedis.clusterMeet("127.0.0.1", other.port()));
        }
        // CLUSTER REPLICATE needs the master known to the replica; gossip spreads the meetings above
        await("every node to know every other", this::unjoined);
        for (int i = 0; i < masterCount; i++) {
            String masterId = ids.get(i);
            for (RedisProcess replica : replicasOf(i)) {
                call(replica, "CLUSTER REPLICATE", jedis -> jedis.clusterReplicate(masterId));
            }
        }
        await("the cluster to settle", this::unsettled);
    }

    /** {@link Polling#await}, bounded by {@link #SETTLE_TIMEOUT}; on timeout the message ends with what every node printed last. */
    private Duration await(String what, Supplier<String> unmet) {
        try {
            return Polling.await(what, SETTLE_TIMEOUT, unmet);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + ". The nodes' last words:" + RedisProcess.logTails(processes, LOG_LINES), e);
        }
    }

    private List<RedisProcess> replicasOf(int masterIndex) {
        int firstReplica = masterCount + masterIndex * replicasPerMaster;
        return processes.subList(firstReplica, firstReplica + replicasPerMaster);
    }

    /** {@return every node started, masters first as they were started, whatever their role now; killed ones too} */
    public List<RedisNode> nodes() {
        return processes.stream().map(p -> RedisNode.loopback(p.port())).toList();
    }

    /** {@return {@code host:port} of every node started: what a cluster client is given to find the rest} */
    public List<String> seeds() {
        return nodes().stream().map(RedisNode::address).toList();
    }

    /**
     * {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,...}, every node as a seed: the form of URL for a
     * cluster that {@code RedisStore} is to take.
     *
     * @return the URL
     */
    public String url() {
        return URL_SCHEME + String.join(",", seeds());
    }

    /** {@return the masters that own slots now, by their first slot, as the first live node sees it} */
    public List<RedisNode> masters() {
        return view().slotOwners().stream().map(e -> RedisNode.loopback(e.port())).toList();
    }

    /** {@return the nodes that replicate a master now, live or killed, by port, as the first live node sees it} */
    public List<RedisNode> replicas() {
        return view().entries().stream().filter(ClusterNodes.Entry::isReplica)
                .map(e -> RedisNode.loopback(e.port())).sorted(Comparator.comparingInt(RedisNode::port)).toList();
    }

    /**
     * The replicas of {@code master} now, as the first live node sees it.
     *
     * @param master a master of this cluster
     * @return its replicas
     */
    public List<RedisNode> replicasOf(RedisNode master) {
        ClusterNodes view = view();
        ClusterNodes.Entry entry = view.entries().stream().filter(e -> e.port() == master.port()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(master + " is not a node of this cluster"));
        return view.replicasOf(entry.id()).stream().map(e -> RedisNode.loopback(e.port())).toList();
    }

    /**
     * The master that owns {@code slot} now, as the first live node sees it.
     *
     * @param slot 0 to 16383
     * @return the master
     */
    public RedisNode masterOf(int slot) {
        if (slot < 0 || slot >= SLOTS) {
            throw new IllegalArgumentException("slot out of range: " + slot);
        }
        return view().slotOwners().stream().filter(e -> e.owns(slot)).findFirst()
                .map(e -> RedisNode.loopback(e.port()))
                .orElseThrow(() -> new IllegalStateException("no master owns slot " + slot));
    }

    /**
     * The master that owns {@code key}'s slot now (hash tags count, as in {@code {user}:1}).
     *
     * @param key a key
     * @return the master
     */
    public RedisNode masterForKey(String key) {
        return masterOf(JedisClusterCRC16.getSlot(key));
    }

    /**
     * SIGKILL for one node, as a crash would end it: no goodbye to clients or to the other nodes. Returns
     * once the process is gone. A killed master's slots are unserved until {@link #awaitFailover()} sees
     * its replica promoted.
     *
     * @param node a node of this cluster
     */
    public synchronized void kill(RedisNode node) {
        RedisProcess process = processOf(node);
        process.kill();
        lastKillNanos = System.nanoTime();
        LOG.info("killed cluster node {}", node);
    }

    /**
     * Waits until the live nodes have settled after {@link #kill}s: every slot is owned by a live
     * master, every live node reports {@code cluster_state:ok} and sees every live node as reachable,
     * all agree on the layout, and every live replica is in sync with its master.
     *
     * @return how long since the last kill
     * @throws IllegalStateException if nothing was killed, or if that state is not reached within 30 s
     *     (a master killed with its replicas never comes back this way); the message says what was amiss
     */
    public Duration awaitFailover() {
        long killed = lastKillNanos;
        if (killed == 0) {
            throw new IllegalStateException("no node was killed");
        }
        await("the cluster to fail over", this::unsettled);
        Duration took = Duration.ofNanos(System.nanoTime() - killed);
        LOG.info("cluster settled {} ms after the last kill (Redis {})", took.toMillis(), version);
        return took;
    }

    /**
     * Starts a killed node again, on its port and with its {@code nodes.conf} (its data is gone: nothing
     * is persisted), and waits until the cluster has settled. A master whose replica took over comes
     * back as that replica's replica, so after restarting every killed node the cluster has its first
     * shape again, with roles swapped.
     *
     * @param node a killed node of this cluster
     * @throws IllegalStateException if the node still runs, its port was taken meanwhile, or the cluster
     *     does not settle within 30 s
     */
    public synchronized void restart(RedisNode node) {
        processOf(node).restart();
        Duration took = await("the cluster to take " + node + " back", this::unsettled);
        LOG.info("cluster node {} back and in sync after {} ms", node, took.toMillis());
    }

    /** {@return {@code redis_version} of the binary the nodes run, e.g. {@code "7.0.15"}} */
    public String version() {
        return version;
    }

    /** Stops every node and deletes their directories; does nothing for {@link #shared()}. Idempotent. */
    @Override
    public void close() {
        if (!isShared && closed.compareAndSet(false, true)) {
            processes.forEach(RedisProcess::stop);
        }
    }

    @Override
    public String toString() {
        return "RedisCluster[" + masterCount + " masters, " + masterCount * replicasPerMaster + " replicas, Redis "
                + version + ", " + String.join(",", seeds()) + "]";
    }

    private RedisProcess processOf(RedisNode node) {
        return processes.stream()
                .filter(p -> p.port() == node.port() && "127.0.0.1".equals(node.host()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(node + " is not a node of this cluster " + seeds()));
    }

    /** CLUSTER NODES of the first live node that answers. */
    private ClusterNodes view() {
        JedisException last = null;
        for (RedisProcess process : processes) {
            if (process.isAlive()) {
                try (Jedis jedis = Connections.open(process.port(), CALL_TIMEOUT)) {
                    return ClusterNodes.parse(jedis.clusterNodes());
                } catch (JedisException e) {
                    last = e;
                }
            }
        }
        throw new IllegalStateException("no node of " + this + " answers CLUSTER NODES", last);
    }

    /** null once every node knows every other by its address, else who does not. */
    private String unjoined() {
        for (RedisProcess process : processes) {
            try (Jedis jedis = Connections.open(process.port(), CALL_TIMEOUT)) {
                ClusterNodes view = ClusterNodes.parse(jedis.clusterNodes());
                if (view.entries().size() != processes.size()) {
                    return process.port() + " knows " + view.entries().size() + " of " + processes.size() + " nodes";
                }
                for (ClusterNodes.Entry entry : view.entries()) {
                    if (entry.ip().isEmpty() || entry.flags().contains("handshake") || entry.flags().contains("noaddr")) {
                        return process.port() + " sees " + entry.port() + " as " + entry.flags() + " at '" + entry.ip() + "'";
                    }
                }
            }
        }
        return null;
    }

    /** null once the live nodes agree and are fit to serve every slot (see {@link #awaitFailover()}), else what is amiss. */
    private String unsettled() {
        List<RedisProcess> live = processes.stream().filter(RedisProcess::isAlive).toList();
        Set<Integer> livePorts = live.stream().map(RedisProcess::port).collect(Collectors.toSet());
        List<ClusterNodes.Shape> agreed = null;
        int agreedBy = 0;
        for (RedisProcess process : live) {
            int port = process.port();
            try (Jedis jedis = Connections.open(port, CALL_TIMEOUT)) {
                String state = Connections.infoFields(jedis.clusterInfo()).get("cluster_state");
                if (!"ok".equals(state)) {
                    return port + " reports cluster_state:" + state;
                }
                ClusterNodes view = ClusterNodes.parse(jedis.clusterNodes());
                for (ClusterNodes.Entry entry : view.entries()) {
                    if (livePorts.contains(entry.port()) && entry.isTroubled()) {
                        return port + " sees live node " + entry.port() + " as " + entry.flags() + (entry.connected() ? "" : ", disconnected");
                    }
                }
                List<ClusterNodes.Shape> shape = view.shape();
                if (agreed == null) {
                    agreed = shape;
                    agreedBy = port;
                } else if (!agreed.equals(shape)) {
                    return port + " and " + agreedBy + " disagree: " + shape + " / " + agreed;
                }
                String unserved = unservedSlots(view, livePorts);
                if (unserved != null) {
                    return port + " sees " + unserved;
                }
                if (live.size() == processes.size()) {
                    String misshapen = misshapen(view);
                    if (misshapen != null) {
                        return port + " sees " + misshapen;
                    }
                }
                if (view.myself().isReplica()) {
                    Map<String, String> replication = Connections.info(jedis, "replication");
                    if (!"up".equals(replication.get("master_link_status")) || !"0".equals(replication.get("master_sync_in_progress"))) {
                        return "replica " + port + " is not in sync: master_link_status:" + replication.get("master_link_status")
                                + ", master_sync_in_progress:" + replication.get("master_sync_in_progress");
                    }
                }
            }
        }
        return null;
    }

    private static String unservedSlots(ClusterNodes view, Set<Integer> livePorts) {
        int covered = 0;
        for (ClusterNodes.Entry owner : view.slotOwners()) {
            if (!livePorts.contains(owner.port())) {
                return "slots " + owner.slots() + " still owned by killed node " + owner.port();
            }
            covered += owner.slotCount();
        }
        return covered == SLOTS ? null : covered + " of " + SLOTS + " slots covered";
    }

    /** With every node up, the cluster must have the shape it was started with, roles aside. */
    private String misshapen(ClusterNodes view) {
        List<ClusterNodes.Entry> owners = view.slotOwners();
        if (owners.size() != masterCount) {
            return owners.size() + " masters owning slots instead of " + masterCount;
        }
        for (ClusterNodes.Entry owner : owners) {
            int replicas = view.replicasOf(owner.id()).size();
            if (replicas != replicasPerMaster) {
                return "master " + owner.port() + " with " + replicas + " replicas instead of " + replicasPerMaster;
            }
        }
        return null;
    }

    private static <T> T call(RedisProcess process, String command, Function<Jedis, T> call) {
        try (Jedis jedis = Connections.open(process.port(), CALL_TIMEOUT)) {
            return call.apply(jedis);
        } catch (JedisException e) {
            throw new IllegalStateException(command + " on cluster node " + process.port() + " failed: " + e.getMessage(), e);
        }
    }
}
