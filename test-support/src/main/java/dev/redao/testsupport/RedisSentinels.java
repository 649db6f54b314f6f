package dev.redao.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A throw-away Redis Sentinel setup for tests: one master, one replica and 3 sentinels that watch
 * them, every one a {@code redis-server} process of its own on a free 127.0.0.1 port (the sentinels
 * run with {@code --sentinel}), started from the binary {@link LocalRedis#startOwn()} would run (the
 * embedded Redis 6.2 under {@code -Dredao.redis.server=embedded}, else the PATH's
 * {@code redis-server}, else the embedded one). {@code REDIS_URL} plays no part.
 *
 * <pre>{@code
 * try (RedisSentinels sentinels = RedisSentinels.start("shop")) {
 *     var client = RedisSentinelClient.builder()
 *             .masterName(sentinels.masterName())
 *             .sentinels(sentinels.sentinels().stream().map(s -> new HostAndPort(s.host(), s.port())).collect(toSet()))
 *             .build();
 *     client.set("k", "v");
 *
 *     RedisNode master = sentinels.currentMaster();
 *     sentinels.kill(master);             // SIGKILL: a crash, not a shutdown
 *     Duration took = sentinels.awaitFailover();
 *     // the client follows once the sentinels announce the new master
 *     sentinels.restart(master);          // comes back as the new master's replica
 * }
 * }</pre>
 *
 * <p><b>What it starts.</b> The master and its replica (made one with {@code REPLICAOF}), which
 * replicate diskless and persist nothing; then the sentinels, each with a {@code sentinel.conf} of its
 * own in a temporary directory (sentinels rewrite it with what they learn, and read it back after a
 * {@link #restart}), monitoring the master under {@link #masterName()} with a quorum of 2.
 * {@link #start} returns once every sentinel names the same master, knows the replica as in sync and
 * knows the other two sentinels; that takes a couple of seconds, since sentinels find each other
 * through hello messages they publish every 2 s.
 *
 * <p><b>Failover.</b> A master that does not answer for {@value #DOWN_AFTER_MILLIS} ms is down for a
 * sentinel ({@code down-after-milliseconds}); once 2 agree, one of them is elected to promote the
 * replica. That usually takes one to a few seconds; if two sentinels run for leader at once, the
 * next attempt waits twice {@code failover-timeout} ({@value #FAILOVER_TIMEOUT_MILLIS} ms).
 *
 * <p>Every wait is bounded and polls ({@code SENTINEL MASTER}, {@code SENTINEL REPLICAS},
 * {@code SENTINEL SENTINELS}, {@code INFO replication}) with growing pauses, rather than sleeping a
 * fixed time.
 */
public final class RedisSentinels implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSentinels.class);

    /** The name {@link #start()} monitors the master under. */
    public static final String DEFAULT_MASTER_NAME = "redao";
    /** {@code down-after-milliseconds}: short, for quick failovers, yet far above a loopback round trip. */
    public static final int DOWN_AFTER_MILLIS = 500;
    /**
     * {@code failover-timeout}: how long a promotion may take before the sentinels give up on it, and
     * half the pause before they try again. Sentinels see a promotion through INFO, which they ask for
     * once a second during a failover, so it leaves room for that.
     */
    public static final int FAILOVER_TIMEOUT_MILLIS = 2000;
    private static final int SENTINEL_COUNT = 3;
    private static final int QUORUM = 2;
    /** Bounds starting, a failover and a restart. */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final String URL_SCHEME = "redis-sentinel://";
    /** Of each process's log, in the message when the setup does not settle. */
    private static final int LOG_LINES = 8;
    /** What sentinel.conf accepts as a master name without quoting. */
    private static final Pattern MASTER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private static final RedisProcess.ServerConfig SERVER_CONFIG = RedisProcess.ServerConfig.arguments(RedisProcess.QUICK_FIRST_SYNC);

    private static RedisSentinels shared;

    private final String masterName;
    /** The master and the replica, as started. */
    private final List<RedisProcess> servers;
    private final List<RedisProcess> sentinels;
    private final String version;
    private final boolean isShared;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** When the last {@link #kill} happened, for {@link #awaitFailover()}; 0 if none. */
    private volatile long lastKillNanos;

    private RedisSentinels(String masterName, List<RedisProcess> servers, List<RedisProcess> sentinels, boolean isShared) {
        this.masterName = masterName;
        this.servers = List.copyOf(servers);
        this.sentinels = List.copyOf(sentinels);
        this.version = servers.get(0).serverInfo().getOrDefault("redis_version", "unknown");
        this.isShared = isShared;
    }

    /**
     * A setup whose master is monitored as {@value #DEFAULT_MASTER_NAME}.
     *
     * @return the started setup, settled
     */
    public static RedisSentinels start() {
        return start(DEFAULT_MASTER_NAME);
    }

    /**
     * @param masterName the name the sentinels monitor the master under, which clients ask them for:
     *     letters, digits, '.', '_' and '-'
     * @return the started setup, settled
     * @throws IllegalStateException if a server cannot start or the sentinels do not settle within 30 s;
     *     nothing is left running then
     */
    public static RedisSentinels start(String masterName) {
        return start(masterName, false);
    }

    /**
     * One setup per JVM, started by {@link #start()} on first use and stopped when the JVM exits. Its
     * {@link #close()} does nothing. A test that kills one of its servers must {@link #restart} it, or
     * the next test gets a master without a replica; a test that needs more starts its own.
     *
     * @return the JVM's setup
     */
    public static synchronized RedisSentinels shared() {
        if (shared == null) {
            shared = start(DEFAULT_MASTER_NAME, true);
        }
        return shared;
    }

    private static RedisSentinels start(String masterName, boolean isShared) {
        if (masterName == null || !MASTER_NAME.matcher(masterName).matches()) {
            throw new IllegalArgumentException("master name must be letters, digits, '.', '_' and '-': " + masterName);
        }
        long begin = System.nanoTime();
        Path binary = RedisBinaries.forOwnServers();
        List<RedisProcess> servers = new ArrayList<>();
        List<RedisProcess> sentinels = new ArrayList<>();
        try {
            RedisProcess master = launch(binary, SERVER_CONFIG, servers);
            RedisProcess replica = launch(binary, SERVER_CONFIG, servers);
            call(replica, "REPLICAOF", jedis -> jedis.replicaof("127.0.0.1", master.port()));
            // After its first INFO, a sentinel asks a healthy server for INFO every 10 s: a replica still
            // syncing when the sentinels start would look broken to them for that long.
            Polling.await("the replica to sync", SETTLE_TIMEOUT, () -> outOfSync(replica, master.port()));
            RedisProcess.ServerConfig sentinelConfig = new RedisProcess.ServerConfig("sentinel.conf",
                    sentinelConf(masterName, master.port(), replica.port()), List.of("--sentinel"));
            for (int i = 0; i < SENTINEL_COUNT; i++) {
                launch(binary, sentinelConfig, sentinels);
            }
            RedisSentinels setup = new RedisSentinels(masterName, servers, sentinels, isShared);
            setup.awaitSettled("the sentinels to settle");
            LOG.info("{} ready in {} ms", setup, Duration.ofNanos(System.nanoTime() - begin).toMillis());
            return setup;
        } catch (RuntimeException | Error e) {
            Stream.concat(sentinels.stream(), servers.stream()).forEach(RedisProcess::stop);
            throw e;
        }
    }

    private static RedisProcess launch(Path binary, RedisProcess.ServerConfig config, List<RedisProcess> into) {
        RedisProcess process = RedisProcess.launch(binary, config, Ports::freeLoopbackPort, RedisProcess.READY_TIMEOUT);
        into.add(process);
        return process;
    }

    private static String sentinelConf(String masterName, int masterPort, int replicaPort) {
        return String.join("\n",
                "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " " + QUORUM,
                "sentinel down-after-milliseconds " + masterName + " " + DOWN_AFTER_MILLIS,
                "sentinel failover-timeout " + masterName + " " + FAILOVER_TIMEOUT_MILLIS,
                // what the master's INFO would tell, known before the first one
                "sentinel known-replica " + masterName + " 127.0.0.1 " + replicaPort,
                "");
    }

    /** {@return the name the sentinels monitor the master under} */
    public String masterName() {
        return masterName;
    }

    /** {@return the master and the replica as started, whatever their roles now; killed ones too} */
    public List<RedisNode> servers() {
        return servers.stream().map(p -> RedisNode.loopback(p.port())).toList();
    }

    /** {@return the sentinels; killed ones too} */
    public List<RedisNode> sentinels() {
        return sentinels.stream().map(p -> RedisNode.loopback(p.port())).toList();
    }

    /** {@return {@code redis-sentinel://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3/<master name>}} */
    public String url() {
        return URL_SCHEME + sentinels().stream().map(RedisNode::address).collect(Collectors.joining(",")) + "/" + masterName;
    }

    /** {@return the master as the first live sentinel names it ({@code SENTINEL GET-MASTER-ADDR-BY-NAME})} */
    public RedisNode currentMaster() {
        JedisException last = null;
        for (RedisProcess sentinel : sentinels) {
            if (sentinel.isAlive()) {
                try {
                    Optional<RedisNode> master = masterNamedBy(sentinel);
                    if (master.isPresent()) {
                        return master.get();
                    }
                } catch (JedisException e) {
                    last = e;
                }
            }
        }
        throw new IllegalStateException("no sentinel of " + this + " names the master", last);
    }

    /** {@return the live servers other than {@link #currentMaster()}} */
    public List<RedisNode> replicas() {
        RedisNode master = currentMaster();
        return servers().stream().filter(node -> !node.equals(master) && processOf(node).isAlive()).toList();
    }

    /**
     * SIGKILL for a server or a sentinel, as a crash would end it. Returns once the process is gone. A
     * killed master is replaced once the sentinels agree it is down; see {@link #awaitFailover()}.
     *
     * @param node a server or sentinel of this setup
     */
    public synchronized void kill(RedisNode node) {
        processOf(node).kill();
        lastKillNanos = System.nanoTime();
        LOG.info("killed {}", node);
    }

    /**
     * Waits until the setup has settled after {@link #kill}s: every live sentinel names the same live
     * master, which says it is one, and has no failover going on, knows every live replica as in sync
     * with it and every other live sentinel as up; and every live replica is in sync.
     *
     * @return how long since the last kill
     * @throws IllegalStateException if nothing was killed, or if that state is not reached within 30 s
     *     (with the master and the replica both killed it never is); the message says what was amiss
     */
    public Duration awaitFailover() {
        long killed = lastKillNanos;
        if (killed == 0) {
            throw new IllegalStateException("nothing was killed");
        }
        awaitSettled("the sentinels to fail over");
        Duration took = Duration.ofNanos(System.nanoTime() - killed);
        LOG.info("sentinels settled {} ms after the last kill (Redis {})", took.toMillis(), version);
        return took;
    }

    /**
     * Starts a killed server or sentinel again on its port and waits until the setup has settled. A
     * server comes back empty (nothing is persisted) and, unless the sentinels still name it master, is
     * made a replica of the current master at once, as an operator would do; left alone, the sentinels
     * would do it only after several seconds. A sentinel reads back its rewritten {@code sentinel.conf}.
     *
     * @param node a killed server or sentinel of this setup
     * @throws IllegalStateException if it still runs, its port was taken meanwhile, or the setup does not
     *     settle within 30 s
     */
    public synchronized void restart(RedisNode node) {
        RedisProcess process = processOf(node);
        process.restart();
        if (servers.contains(process)) {
            RedisNode master = currentMaster();
            if (!master.equals(node)) {
                call(process, "REPLICAOF", jedis -> jedis.replicaof(master.host(), master.port()));
            }
        }
        Duration took = awaitSettled("the sentinels to take " + node + " back");
        LOG.info("{} back and in sync after {} ms", node, took.toMillis());
    }

    /** {@return {@code redis_version} of the binary every process runs, e.g. {@code "7.0.15"}} */
    public String version() {
        return version;
    }

    /** Stops the sentinels, then the servers, and deletes their directories; does nothing for {@link #shared()}. Idempotent. */
    @Override
    public void close() {
        if (!isShared && closed.compareAndSet(false, true)) {
            // sentinels first, so that none starts a failover while the servers go
            Stream.concat(sentinels.stream(), servers.stream()).forEach(RedisProcess::stop);
        }
    }

    @Override
    public String toString() {
        return "RedisSentinels[" + masterName + ", Redis " + version + ", servers " + servers() + ", sentinels " + sentinels() + "]";
    }

    private RedisProcess processOf(RedisNode node) {
        return Stream.concat(servers.stream(), sentinels.stream())
                .filter(p -> p.port() == node.port() && "127.0.0.1".equals(node.host()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(node + " is not a server or sentinel of " + this));
    }

    /** Empty if the sentinel does not know the master (yet). */
    private Optional<RedisNode> masterNamedBy(RedisProcess sentinel) {
        try (Jedis jedis = Connections.open(sentinel.port(), CALL_TIMEOUT)) {
            List<String> address = jedis.sentinelGetMasterAddrByName(masterName);
            return address == null || address.size() != 2 ? Optional.empty()
                    : Optional.of(new RedisNode(address.get(0), Integer.parseInt(address.get(1))));
        }
    }

    /** Polls {@link #unsettled()}; on timeout the message ends with what every process printed last. */
    private Duration awaitSettled(String what) {
        try {
            return Polling.await(what, SETTLE_TIMEOUT, this::unsettled);
        } catch (IllegalStateException e) {
            List<RedisProcess> all = Stream.concat(servers.stream(), sentinels.stream()).toList();
            throw new IllegalStateException(e.getMessage() + ". Their last words:" + RedisProcess.logTails(all, LOG_LINES), e);
        }
    }

    /** null once the setup has settled (see {@link #awaitFailover()}), else what is amiss. */
    private String unsettled() {
        Set<Integer> liveServers = servers.stream().filter(RedisProcess::isAlive).map(RedisProcess::port).collect(Collectors.toSet());
        Set<Integer> liveSentinels = sentinels.stream().filter(RedisProcess::isAlive).map(RedisProcess::port).collect(Collectors.toSet());
        RedisNode master = null;
        for (RedisProcess sentinel : sentinels) {
            if (!sentinel.isAlive()) {
                continue;
            }
            int port = sentinel.port();
            Optional<RedisNode> namedIfKnown = masterNamedBy(sentinel);
            if (namedIfKnown.isEmpty()) {
                return "sentinel " + port + " does not know " + masterName;
            }
            RedisNode named = namedIfKnown.get();
            if (master == null) {
                master = named;
                if (!liveServers.contains(named.port())) {
                    return "sentinel " + port + " names " + named + ", which is not a live server, as master";
                }
            } else if (!master.equals(named)) {
                return "sentinel " + port + " names " + named + " as master, another " + master;
            }
            try (Jedis jedis = Connections.open(port, CALL_TIMEOUT)) {
                Map<String, String> state = jedis.sentinelMaster(masterName);
                if (!"master".equals(state.get("flags"))) {
                    return "sentinel " + port + " flags the master " + named + " " + state.get("flags");
                }
                String otherSentinels = state.get("num-other-sentinels");
                if (!Integer.toString(sentinels.size() - 1).equals(otherSentinels)) {
                    return "sentinel " + port + " knows " + otherSentinels + " other sentinels";
                }
                for (Map<String, String> other : jedis.sentinelSentinels(masterName)) {
                    // master_down only echoes a vote: it lingers after a failover until the next one asks again
                    Set<String> flags = Set.of(other.get("flags").split(","));
                    if (liveSentinels.contains(Integer.parseInt(other.get("port")))
                            && (flags.contains("s_down") || flags.contains("disconnected"))) {
                        return "sentinel " + port + " flags sentinel " + other.get("port") + " " + other.get("flags");
                    }
                }
                List<Map<String, String>> replicas = jedis.sentinelReplicas(masterName);
                for (int server : liveServers) {
                    if (server == master.port()) {
                        continue;
                    }
                    Optional<Map<String, String>> replica = replicas.stream()
                            .filter(r -> Integer.toString(server).equals(r.get("port"))).findFirst();
                    if (replica.isEmpty()) {
                        return "sentinel " + port + " does not know replica " + server;
                    }
                    Map<String, String> r = replica.get();
                    if (!"slave".equals(r.get("flags")) || !"ok".equals(r.get("master-link-status"))
                            || !Integer.toString(master.port()).equals(r.get("master-port"))) {
                        return "sentinel " + port + " sees replica " + server + " as " + r.get("flags") + ", link "
                                + r.get("master-link-status") + ", of master port " + r.get("master-port");
                    }
                }
            }
        }
        if (master == null) {
            return "no sentinel is alive";
        }
        try (Jedis jedis = Connections.open(master.port(), CALL_TIMEOUT)) {
            String role = Connections.info(jedis, "replication").get("role");
            if (!"master".equals(role)) {
                return "the sentinels' master " + master + " says it is a " + role;
            }
        }
        for (RedisProcess server : servers) {
            if (server.isAlive() && server.port() != master.port()) {
                String problem = outOfSync(server, master.port());
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /** null if {@code replica} is a replica of {@code masterPort} done with syncing, else how it is not. */
    private static String outOfSync(RedisProcess replica, int masterPort) {
        Map<String, String> replication;
        try (Jedis jedis = Connections.open(replica.port(), CALL_TIMEOUT)) {
            replication = Connections.info(jedis, "replication");
        }
        if (!"slave".equals(replication.get("role")) || !Integer.toString(masterPort).equals(replication.get("master_port"))
                || !"up".equals(replication.get("master_link_status")) || !"0".equals(replication.get("master_sync_in_progress"))) {
            return "server " + replica.port() + " is not a replica in sync with " + masterPort + ": role:" + replication.get("role")
                    + ", master_port:" + replication.get("master_port") + ", master_link_status:" + replication.get("master_link_status")
                    + ", master_sync_in_progress:" + replication.get("master_sync_in_progress");
        }
        return null;
    }

    private static <T> T call(RedisProcess process, String command, Function<Jedis, T> call) {
        try (Jedis jedis = Connections.open(process.port(), CALL_TIMEOUT)) {
            return call.apply(jedis);
        } catch (JedisException e) {
            throw new IllegalStateException(command + " on " + process.port() + " failed: " + e.getMessage(), e);
        }
    }
}
