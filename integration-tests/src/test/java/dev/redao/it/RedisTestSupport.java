package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.runtime.RedisStore;
import dev.redao.testsupport.LocalRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The base of every test class that talks to Redis: each test gets its own namespace on the
 * JVM's shared server ({@link LocalRedis#shared()}), a {@link RedisStore} in it, raw access for
 * assertions on what is really in Redis, and its keys removed afterwards.
 */
public abstract class RedisTestSupport {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** The commands that run a script, as INFO commandstats names them: reads go as the _RO ones on Redis 7. */
    protected static final Set<String> SCRIPT_CALLS = Set.of("eval", "evalsha", "eval_ro", "evalsha_ro");

    /** Unique per test, a namespace name such as {@code it3kz91x5}: its keys are {@code it3kz91x5:...} and <code>{it3kz91x5:...</code>. */
    protected String ns;
    protected RedisStore store;

    @BeforeEach
    protected void connectStore() {
        ns = newNamespace();
        store = connect(ns);
    }

    @AfterEach
    protected void cleanNamespace() {
        if (store != null) {
            try {
                deleteNamespace(store, ns);
            } finally {
                store.close();
            }
        }
    }

    /** A namespace no other test uses (in this run or a concurrent one). */
    public static String newNamespace() {
        return "it" + Long.toString(System.nanoTime(), 36) + "x" + SEQUENCE.incrementAndGet();
    }

    static LocalRedis redis() {
        return LocalRedis.shared();
    }

    /** Whether the suite runs on a Redis Cluster, where keys of different hash slots never meet in one script. */
    protected static boolean onACluster() {
        return TestServers.DEPLOYMENT == TestServers.Deployment.CLUSTER;
    }

    /** Whether the suite runs on one server that clients reach at the address of its URL (neither a cluster nor Sentinel). */
    protected static boolean onOneServer() {
        return TestServers.DEPLOYMENT == TestServers.Deployment.SERVER;
    }

    /** The connection string of the deployment under test with this namespace (for another process). */
    protected static String urlWithNamespace(String namespace) {
        return TestServers.url() + "?namespace=" + namespace;
    }

    /** A store on the deployment under test with this namespace (the caller closes it). */
    static RedisStore connect(String namespace) {
        return RedisStore.connect(TestServers.url() + "?namespace=" + namespace);
    }

    /** Runs raw commands with the store's client, each on the server that holds its keys. */
    protected <R> R raw(Function<UnifiedJedis, R> work) {
        return store.execute(work);
    }

    /**
     * Runs commands about the servers themselves (ACL, CLIENT, PUBSUB, SCRIPT, CONFIG) on a
     * connection of its own to each server of the deployment, replicas included, and returns what
     * each answered (see {@link TestServers#onEveryServer}).
     */
    protected static <R> List<R> everyServer(Function<Jedis, R> work) {
        return TestServers.onEveryServer(work);
    }

    /** Runs {@code work} on a connection of its own to each server that holds data (each master), in address order. */
    protected static <R> List<R> eachDataServer(Function<Jedis, R> work) {
        return TestServers.onEachDataServer(work);
    }

    /** The sum over every server of the deployment of a count, such as PUBSUB NUMSUB's. */
    protected static long sumOverServers(ToLongFunction<Jedis> count) {
        return everyServer(count::applyAsLong).stream().mapToLong(Long::longValue).sum();
    }

    /**
     * PUBLISH of a channel named as Redis knows it, through the server Redao's pub/sub connections
     * use (on a cluster a node counts only its own subscribers): how many subscribed connections
     * received it.
     */
    protected long rawPublish(String channel, String message) {
        return Internals.publish(store, channel, message);
    }

    /** What {@code demo} prints to {@code System.out}, which it does not reach meanwhile. */
    protected static String printedBy(Runnable demo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            demo.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    // ---- keys of the namespace

    /**
     * The real key (or channel) of a name in a namespace, written out here rather than taken from
     * Redao, so that tests check Redao's naming against the documented layout: {@code <ns>:name},
     * or <code>{&lt;ns&gt;:rest</code> for a hash-tagged name <code>{rest</code>.
     */
    public static String nsKey(String namespace, String name) {
        return name.startsWith("{") ? "{" + namespace + ":" + name.substring(1) : namespace + ":" + name;
    }

    /** {@link #nsKey(String, String)} in this test's namespace. */
    protected String nsKey(String name) {
        return nsKey(ns, name);
    }

    /** The base key of a model: <code>{&lt;ns&gt;:model}</code>. */
    protected String base(String model) {
        return nsKey("{" + model + "}");
    }

    /** Every hash-tagged key of the namespace (models', queues'), sorted. */
    protected Set<String> keys() {
        return keys(store, ns);
    }

    public static Set<String> keys(RedisStore store, String namespace) {
        Set<String> out = new TreeSet<>();
        Internals.forEachServer(store, jedis -> {
            ScanParams params = new ScanParams().match(nsKey(namespace, "{*")).count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                out.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        });
        return out;
    }

    /** Deletes every key of the namespace, plain ones included. */
    public static void deleteNamespace(RedisStore store, String namespace) {
        Set<String> keys = RawKeys.ofNamespace(store, namespace);
        if (!keys.isEmpty()) {
            store.execute(jedis -> jedis.del(keys.toArray(String[]::new)));
        }
    }

    /**
     * Every key of the namespace with its DUMP (base64) and TTL: equal snapshots mean Redis is
     * byte-for-byte unchanged as far as the namespace goes.
     */
    protected SortedMap<String, String> snapshot() {
        return snapshot(store, ns);
    }

    static SortedMap<String, String> snapshot(RedisStore store, String namespace) {
        Set<String> keys = keys(store, namespace);
        return store.execute(jedis -> {
            SortedMap<String, String> out = new TreeMap<>();
            for (String key : keys) {
                byte[] dump = jedis.dump(key.getBytes(StandardCharsets.UTF_8));
                long ttl = jedis.pttl(key);
                out.put(key, (dump == null ? "(gone)" : Base64.getEncoder().encodeToString(dump))
                        + " ttl=" + (ttl < 0 ? Long.toString(ttl) : "set"));
            }
            return out;
        });
    }

    /** Asserts that the namespace is exactly as in {@code before}. */
    protected void assertUnchanged(SortedMap<String, String> before) {
        assertEquals(before, snapshot(), "Redis must be byte-for-byte unchanged");
    }

    // ---- raw reads

    protected Map<String, String> hash(String key) {
        return raw(jedis -> jedis.hgetAll(key));
    }

    /** The raw bytes of one hash field. */
    protected byte[] hashBytes(String key, String field) {
        return raw(jedis -> jedis.hget(key.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8)));
    }

    protected Set<String> members(String key) {
        return raw(jedis -> new TreeSet<>(jedis.smembers(key)));
    }

    protected Double score(String key, String member) {
        return raw(jedis -> jedis.zscore(key, member));
    }

    protected String type(String key) {
        return raw(jedis -> jedis.type(key));
    }

    protected boolean exists(String key) {
        return raw(jedis -> jedis.exists(key));
    }

    /** Every key of the namespace that belongs to the object: its hash, and the index/unique keys naming its id. */
    protected List<String> keysMentioning(String model, String id) {
        return keysMentioning(store, ns, model, id);
    }

    static List<String> keysMentioning(RedisStore store, String namespace, String model, String id) {
        List<String> out = new ArrayList<>();
        String base = nsKey(namespace, "{" + model + "}");
        for (String key : keys(store, namespace)) {
            if (!key.startsWith(base + ":")) {
                continue;
            }
            String t = store.execute(jedis -> jedis.type(key));
            boolean mentions = switch (t) {
                case "set" -> store.execute(jedis -> jedis.sismember(key, id));
                case "zset" -> store.execute(jedis -> jedis.zscore(key, id)) != null
                        // a lexicographic index holds value + NUL + id
                        || store.execute(jedis -> jedis.zrange(key, 0, -1)).stream().anyMatch(m -> m.endsWith("\0" + id));
                case "hash" -> key.equals(base + ":obj:" + id)
                        || key.contains(":uni:") && store.execute(jedis -> jedis.hgetAll(key)).containsValue(id);
                default -> false;
            };
            if (mentions) {
                out.add(key + " (" + t + ")");
            }
        }
        return out;
    }

    // ---- server statistics

    /**
     * A connection to each server that holds data, kept for the JVM: statistics read through them
     * count no connection handshake of their own.
     */
    private static List<Jedis> statsConnections;

    private static synchronized List<Jedis> statsConnections() {
        if (statsConnections == null) {
            statsConnections = TestServers.dataServers().stream().map(TestServers::connect).toList();
        }
        return statsConnections;
    }

    /** How many servers hold data: the INFO calls of {@link #commandCalls()} count once on each. */
    protected static int dataServerCount() {
        return statsConnections().size();
    }

    /**
     * {@code INFO commandstats} as command -> calls, summed over the servers that hold data (each
     * master of a cluster), without REPLCONF, which replicas send their master every second. The
     * INFO calls themselves count once per server.
     */
    protected Map<String, Long> commandCalls() {
        Map<String, Long> calls = new HashMap<>();
        List<String> infos = new ArrayList<>();
        synchronized (RedisTestSupport.class) {
            for (Jedis jedis : statsConnections()) {
                infos.add(jedis.info("commandstats"));
            }
        }
        for (String info : infos) {
            for (String line : info.split("\r?\n")) {
                if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_replconf:")) {
                    String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                    int start = line.indexOf("calls=") + "calls=".length();
                    int end = line.indexOf(',', start);
                    calls.merge(name, Long.parseLong(line.substring(start, end)), Long::sum);
                }
            }
        }
        return calls;
    }

    /** The change of each command's calls during {@code operation}, the INFO calls that measure it included. */
    protected Map<String, Long> commandDelta(Runnable operation) {
        Map<String, Long> before = commandCalls();
        operation.run();
        Map<String, Long> after = commandCalls();
        Map<String, Long> delta = new HashMap<>();
        after.forEach((cmd, calls) -> {
            long d = calls - before.getOrDefault(cmd, 0L);
            if (d != 0) {
                delta.put(cmd, d);
            }
        });
        return delta;
    }

    /** Scripts the server has run, from any client: EVALSHA and EVAL calls. */
    protected long scriptCalls() {
        Map<String, Long> calls = commandCalls();
        return SCRIPT_CALLS.stream().mapToLong(c -> calls.getOrDefault(c, 0L)).sum();
    }
}
