package dev.redao.runtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.SchemaChanges;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.UnconfirmedWriteException;
import dev.redao.runtime.metrics.PoolStats;
import dev.redao.runtime.metrics.RedaoObserver;
import dev.redao.runtime.metrics.Retry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * What a {@link RedisStore} is underneath, for every part of Redao that talks to the servers: the
 * {@link Deployment} (one server, a cluster, or a master found through Sentinel), the namespace,
 * the JSON codec, and the calls that turn what Jedis throws into {@link RedaoException}s. The
 * store shows users only what they call; Redao's own parts call this.
 */
public final class StoreConnection implements AutoCloseable {
    /** Scripts use features of Redis 6.2 (ZRANGESTORE, GETDEL, the Lua error conventions). */
    static final String MINIMUM_VERSION = "6.2";
    private static final Logger LOG = LoggerFactory.getLogger(StoreConnection.class);
    private static final CommandObjects COMMANDS = new CommandObjects(RedisProtocol.RESP2);

    private final RedisUrl url;
    private final Deployment deployment;
    private final UnifiedJedis client;
    private final Json json;
    private final JedisClientConfig subscriberConfig;
    /** What reports to the store's observer; null for none, so that a store without one tests a field and no more. */
    private final Metrics metrics;
    private final SchemaChanges schemaChanges;
    /** The SHA-1s of the scripts this store has sent as text, which Redis has cached since (unless flushed). */
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Whether change events travel as shard messages: a cluster whose masters all run Redis 7. */
    private volatile boolean shardedEvents;
    /** Whether every server that holds data runs Redis 7 or later, which has EVAL_RO and EVALSHA_RO. */
    private volatile boolean readOnlyCalls;
    /** Sends the scripts and direct reads of concurrent calls together; null with {@code autoPipeline=0}. */
    private final AutoPipeline autoPipeline;

    private StoreConnection(RedisUrl url, Deployment deployment, Json json, JedisClientConfig subscriberConfig,
                            RedaoObserver observer, SchemaChanges schemaChanges) {
        this.url = url;
        this.deployment = deployment;
        this.client = deployment.client();
        this.json = json;
        this.subscriberConfig = subscriberConfig;
        this.metrics = Metrics.of(observer);
        this.schemaChanges = schemaChanges;
        this.autoPipeline = url.autoPipeline() > 0 ? new AutoPipeline(this, deployment, url.autoPipeline()) : null;
    }

    /**
     * Connects to the deployment the URL names, checks that its servers answer and are recent
     * enough, and fails fast otherwise.
     *
     * @param observer hears of the store's operations (see {@link Metrics}); null for none
     * @param schemaChanges what a DAO does when its model's stored schema differs from its own
     */
    public static StoreConnection open(RedisUrl url, ObjectMapper mapper, SSLSocketFactory tls, RedaoObserver observer,
                                       SchemaChanges schemaChanges) {
        DefaultJedisClientConfig.Builder config = settings(url, tls).database(url.database()).clientName("redao");
        if (url.readFromReplica()) {
            config.readOnlyForRedisClusterReplicas(); // READONLY on each connection to a replica
        }
        if (url.password() != null) {
            config.user(url.user()).password(url.password());
        }
        DefaultJedisClientConfig.Builder sentinels = settings(url, tls);
        if (url.sentinelPassword() != null) {
            sentinels.user(url.sentinelUser()).password(url.sentinelPassword());
        }
        GenericObjectPoolConfig<Connection> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(url.poolSize());
        poolConfig.setMaxIdle(url.poolSize());
        poolConfig.setJmxEnabled(false);
        // a call that finds every connection in use waits for one no longer than its timeout
        poolConfig.setMaxWait(Duration.ofMillis(url.timeoutMillis()));
        Deployment deployment;
        try {
            deployment = Deployment.of(url, config.build(), sentinels.build(), poolConfig);
        } catch (JedisException e) {
            throw RedisErrors.connecting(url, e);
        }
        // the pub/sub connection says what it is in CLIENT LIST
        JedisClientConfig subscriberConfig = config.clientName("redao-pubsub").build();
        StoreConnection connection = new StoreConnection(url, deployment, new Json(mapper), subscriberConfig, observer,
                schemaChanges);
        try {
            connection.checkServers();
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
        }
        return connection;
    }

    /**
     * The settings every connection shares: the timeout, TLS with the server's name checked
     * against its certificate, and RESP2, said outright: left to negotiate, Jedis logs a warning
     * for every new connection.
     */
    private static DefaultJedisClientConfig.Builder settings(RedisUrl url, SSLSocketFactory tls) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .timeoutMillis(url.timeoutMillis())
                .ssl(url.tls())
                .protocol(RedisProtocol.RESP2);
        if (url.tls()) {
            SSLParameters parameters = new SSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            config.sslParameters(parameters);
            if (tls != null) {
                config.sslSocketFactory(tls);
            }
        }
        return config;
    }

    /**
     * Every server that holds data answers, runs a recent enough Redis, and is of the kind the URL
     * says: a cluster node behind {@code redis://} would refuse every key of another node's slots.
     */
    private void checkServers() {
        try {
            boolean allSeven = true;
            for (HostAndPort node : deployment.masters()) {
                try (Jedis jedis = deployment.connect(node)) {
                    Map<String, String> info = ServerInfo.parse(jedis.info("server") + jedis.info("cluster"));
                    checkServer(node, info);
                    allSeven &= ServerInfo.compareVersions(info.get("redis_version"), "7.0") >= 0;
                }
            }
            shardedEvents = allSeven && url.kind() == RedisUrl.Kind.CLUSTER;
            readOnlyCalls = allSeven;
        } catch (JedisException e) {
            throw RedisErrors.connecting(url, e);
        }
    }

    private void checkServer(HostAndPort node, Map<String, String> info) {
        String version = info.get("redis_version");
        if (version == null || ServerInfo.compareVersions(version, MINIMUM_VERSION) < 0) {
            throw new RedaoException("Redis at " + node + " is version " + version
                    + "; Redao needs " + MINIMUM_VERSION + " or later");
        }
        if (url.readFromReplica() && ServerInfo.compareVersions(version, "7.0") < 0) {
            throw new ConfigurationException("readFrom=replica needs Redis 7.0", "Redis at " + node + " is version "
                    + version + ": readFrom=replica runs reads as EVALSHA_RO, which Redis 7.0 brought", null);
        }
        boolean clusterNode = "1".equals(info.get("cluster_enabled"));
        if (clusterNode != (url.kind() == RedisUrl.Kind.CLUSTER)) {
            String reason = clusterNode
                    ? node + " is a node of a Redis Cluster: connect with redis-cluster:// (or rediss-cluster://)"
                    : node + " is no node of a Redis Cluster: connect to it with redis:// or redis-sentinel://";
            throw new ConfigurationException(reason, "the connection string " + url + " does not fit the server: " + reason, null);
        }
    }

    public RedisUrl url() {
        return url;
    }

    /** The namespace's name, empty for none. */
    public String namespace() {
        return url.namespace();
    }

    /**
     * What reports the store's operations to its observer, or null when it has none: callers
     * test it before they make anything to report (see {@link Metrics}).
     */
    public Metrics metrics() {
        return metrics;
    }

    /** The connection pools now, summed (see {@link PoolStats}). */
    public PoolStats poolStats() {
        client(); // refuses a closed store
        try {
            return deployment.poolStats();
        } catch (JedisException e) {
            throw RedisErrors.connecting(url, e);
        }
    }

    /** What a DAO does when its model's stored schema differs from its own (docs/schema.md). */
    public SchemaChanges schemaChanges() {
        return schemaChanges;
    }

    /** Tells the observer, if any, that a call is sent again. */
    private void retried(Retry why) {
        if (metrics != null) {
            metrics.retried(why);
        }
    }

    /**
     * What Jedis threw, as it passes on to become a {@link RedaoException}: a pooled connection that
     * broke during the call is reported to the observer, if any, as lost (the pool replaces it).
     * Redao's parts that catch Jedis's exceptions themselves hand them here.
     */
    public JedisException lost(JedisException e, String address) {
        if (metrics != null && RedisErrors.brokeConnection(e)) {
            metrics.reconnected(address);
        }
        return e;
    }

    /** The codec of fields and messages stored as JSON. */
    public Json json() {
        return json;
    }

    /** The settings of the dedicated pub/sub connection, which never comes from the pool. */
    public JedisClientConfig subscriberConfig() {
        return subscriberConfig;
    }

    /**
     * Whether the write scripts publish change events with SPUBLISH, so that subscribers SSUBSCRIBE
     * on the node of the model's slot: on a cluster of Redis 7 servers (the scripts decide the same
     * way, from the server they run on). A classic PUBLISH on a cluster goes to every node over the
     * cluster bus; a shard message goes only to the node that holds its slot (and its replicas).
     */
    public boolean shardedEvents() {
        return shardedEvents;
    }

    /**
     * The slots whose owners the pub/sub connections follow, one per server that holds data (see
     * {@link Deployment#masterSlots()}). Slot 0's owner takes the subscriptions to channels: a
     * cluster passes every PUBLISH to every node, so one node hears them all. Keyspace
     * notifications stay on the node of their key, so watches subscribe on each.
     */
    public List<Integer> masterSlots() {
        try {
            return deployment.masterSlots();
        } catch (JedisException e) {
            throw RedisErrors.connecting(url, e);
        }
    }

    /** The server that holds {@code slot} now, asked of the servers. */
    public HostAndPort ownerOf(int slot) {
        try {
            return deployment.ownerOf(slot);
        } catch (JedisException e) {
            throw RedisErrors.connecting(url, e);
        }
    }

    /**
     * PUBLISH through the server whose subscribers Redao's pub/sub connections are (slot 0's
     * owner), so that on a cluster too the count is of every store's subscribed connection.
     *
     * @return how many subscribed connections of that server received it
     */
    public long publish(byte[] channel, byte[] message) {
        try {
            return deployment.publish(0, channel, message);
        } catch (JedisException e) {
            throw RedisErrors.command(url.address(), lost(e, url.address()), "PUBLISH", null);
        }
    }

    /**
     * Runs {@code work} on a connection to each server that holds data (the server, the master, or
     * every master of a cluster), one after the other, for what must reach them all: a SCAN of the
     * keyspace, a setting, statistics. The connection comes from the client's pool where it has
     * one for that server (given back afterwards), else it is opened for the call. What Jedis throws becomes a {@link RedaoException}
     * naming the server.
     */
    public void forEachMaster(Consumer<Jedis> work) {
        List<HostAndPort> masters;
        try {
            masters = deployment.masters();
        } catch (JedisException e) {
            throw RedisErrors.connecting(url, e);
        }
        for (HostAndPort node : masters) {
            try (Jedis jedis = deployment.borrow(node)) {
                work.accept(jedis);
            } catch (JedisException e) {
                throw RedisErrors.command(node.toString(), lost(e, node.toString()), "a command", null);
            }
        }
    }

    /**
     * A pipeline of the store's client: each command goes to the server that holds its keys, and
     * on a cluster every node's share is written and read at once. The caller closes it, within
     * {@link #execute} so that what Jedis throws is translated.
     */
    public AbstractPipeline pipelined() {
        return deployment.pipelined();
    }

    /**
     * Runs {@code work} on a pooled connection. What Jedis throws becomes a {@link RedaoException};
     * any other exception of {@code work} passes as it is.
     */
    public <R> R execute(Function<UnifiedJedis, R> work) {
        return execute(work, "the command", null);
    }

    /**
     * As {@link #execute(Function)}; a WRONGTYPE reply becomes a {@link CorruptDataException}
     * naming {@code key}, for the DAO's direct reads of its own keys.
     */
    public <R> R execute(Function<UnifiedJedis, R> work, byte[] key) {
        return execute(work, key, null);
    }

    /** As {@link #execute(Function, byte[])}, for a key of {@code model}, which the error names (null for none). */
    public <R> R execute(Function<UnifiedJedis, R> work, byte[] key, String model) {
        try {
            return work.apply(client());
        } catch (JedisException e) {
            throw commandFailure(lost(e, url.address()), key, model);
        }
    }

    /**
     * One command on {@code key}, of {@code model} (null for none), which the error names, as
     * {@link #execute(Function, byte[], String)} runs it; with {@code autoPipeline}, in a pipeline
     * with the calls of other threads made meanwhile.
     *
     * @param command the command, from {@link #commands()}
     */
    public <R> R command(CommandObject<R> command, byte[] key, String model) {
        client(); // refuses a closed store
        if (autoPipeline != null && !url.readFromReplica()) {
            return autoPipeline.command(command, key, model);
        }
        return commandAlone(command, key, model);
    }

    /** As {@link #command}, never in a pipeline with other calls. */
    <R> R commandAlone(CommandObject<R> command, byte[] key, String model) {
        try {
            return client.executeCommand(command);
        } catch (JedisException e) {
            throw commandFailure(lost(e, url.address()), key, model);
        }
    }

    /** What makes the commands of {@link #command}. */
    public CommandObjects commands() {
        return COMMANDS;
    }

    /** What a command on {@code key} that failed throws; a WRONGTYPE reply is a {@link CorruptDataException}. */
    RedaoException commandFailure(JedisException e, byte[] key, String model) {
        // the key's name is made only here: these reads are the DAO's fastest path
        String name = new String(key, StandardCharsets.UTF_8);
        String owner = model == null ? "" : model + ": ";
        return RedisErrors.command(url.address(), e, "a command on key '" + name + "'",
                reason -> new CorruptDataException(owner + "key '" + name + "' holds the wrong type of value: " + reason));
    }

    /**
     * As {@link #execute(Function)}, naming the call as {@code what} in messages.
     *
     * @param wrongType the exception for a WRONGTYPE reply, given Redis's words; null for a plain refusal
     */
    public <R> R execute(Function<UnifiedJedis, R> work, String what, Function<String, RedaoException> wrongType) {
        try {
            return work.apply(client());
        } catch (JedisException e) {
            throw RedisErrors.command(url.address(), lost(e, url.address()), what, wrongType);
        }
    }

    private UnifiedJedis client() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        return client;
    }

    /**
     * Runs a script in one round trip: its first call from this store sends the text with EVAL,
     * which also caches it in Redis, and later calls send only the SHA-1 with EVALSHA. After a
     * restart or SCRIPT FLUSH, Redis answers NOSCRIPT and the text goes once more. Errors that a
     * script raises with a {@code REDAO-} tag become typed exceptions, as do the server's conditions.
     */
    public Object eval(Script script, List<byte[]> keys, List<byte[]> args) {
        return eval(script, keys, args, script.writes());
    }

    /**
     * As {@link #eval(Script, List, List)}.
     *
     * @param writes whether this call may write: with the connection string's {@code wait}, the
     *     script and a WAIT for the replicas then go in one round trip (see {@link RedisUrl#waitReplicas()})
     */
    public Object eval(Script script, List<byte[]> keys, List<byte[]> args, boolean writes) {
        return eval(script, keys, args, writes, reply -> true);
    }

    /**
     * As {@link #eval(Script, List, List, boolean)}, for scripts that answer a refusal with a reply
     * rather than an error.
     *
     * @param committed whether a reply says that the script wrote: a refusal is the caller's to
     *     report, whatever the replicas confirmed
     */
    public Object eval(Script script, List<byte[]> keys, List<byte[]> args, boolean writes, Predicate<Object> committed) {
        if (pipelines(script)) {
            refuseBeforePipelining(script, keys);
            return autoPipeline.eval(script, keys, args);
        }
        return evalAlone(script, keys, args, writes, committed);
    }

    /** What a script's call refuses before it is queued in a pipeline: a closed store, keys of two slots on a cluster. */
    private void refuseBeforePipelining(Script script, List<byte[]> keys) {
        client(); // refuses a closed store
        if (spreadsOverSlots() && !oneSlot(keys)) {
            throw RedisErrors.crossSlot(script); // as the cluster client refuses it: nothing is sent
        }
    }

    /**
     * Whether {@link #eval} sends {@code script} in the automatic pipeline, and {@link #evalLater}
     * takes it: the store pipelines calls, waits for no replica, and reads this script on masters.
     */
    boolean pipelines(Script script) {
        return autoPipeline != null && url.waitReplicas() == 0 && !(url.readFromReplica() && script.readOnly());
    }

    /** Whether {@link #evalLater} takes a writing script: the store pipelines calls and waits for no replica. */
    boolean pipelinesWrites() {
        return autoPipeline != null && url.waitReplicas() == 0;
    }

    /** Whether {@link #commandLater} takes a read: the store pipelines calls and reads from masters. */
    boolean pipelinesReads() {
        return autoPipeline != null && !url.readFromReplica();
    }

    /**
     * Queues a script in the automatic pipeline with no thread waiting for it (see
     * {@link #pipelines}): {@code then} gets its reply, or its failure as {@link #eval} would
     * throw it, on the thread that read it.
     */
    void evalLater(Script script, List<byte[]> keys, List<byte[]> args, PipelinedFuture<?> future, AutoPipeline.Completion then) {
        refuseBeforePipelining(script, keys);
        future.sentAs(autoPipeline, autoPipeline.later(script, keys, args, then, future.threads()));
    }

    /** As {@link #evalLater}, for a read of {@code key} of {@code model} (see {@link #pipelinesReads}). */
    void commandLater(CommandObject<?> command, byte[] key, String model, PipelinedFuture<?> future, AutoPipeline.Completion then) {
        client(); // refuses a closed store
        future.sentAs(autoPipeline, autoPipeline.later(command, key, model, then, future.threads()));
    }

    /** As {@link #eval(Script, List, List, boolean, Predicate)}, never in a pipeline with other calls. */
    private Object evalAlone(Script script, List<byte[]> keys, List<byte[]> args, boolean writes, Predicate<Object> committed) {
        if (writes && (url.waitReplicas() > 0 || deployment.retriesCutOffCalls())) {
            return evalOnOwner(script, keys, args, committed, url.waitReplicas());
        }
        if (url.readFromReplica() && script.readOnly()) {
            return evalOnReplica(script, keys, args);
        }
        UnifiedJedis jedis = client();
        // A read-only script goes as EVAL_RO / EVALSHA_RO where the servers have them, so that
        // Redis treats the call as a read: it runs while writes are paused (CLIENT PAUSE WRITE,
        // as during a failover), when memory is full, and on a replica.
        boolean readOnly = readOnlyCalls && script.readOnly();
        try {
            if (sent.add(script.sha1())) {
                return readOnly ? jedis.evalReadonly(script.text(), keys, args) : jedis.eval(script.text(), keys, args);
            }
            try {
                return readOnly ? jedis.evalshaReadonly(script.sha(), keys, args) : jedis.evalsha(script.sha(), keys, args);
            } catch (JedisNoScriptException e) {
                // a restart, a SCRIPT FLUSH, or a node of a cluster that has not run it yet
                retried(Retry.SCRIPT_NOT_CACHED);
                return readOnly ? jedis.evalReadonly(script.text(), keys, args) : jedis.eval(script.text(), keys, args);
            }
        } catch (JedisException e) {
            if (readOnly && readOnlyCallRefused(e)) {
                retried(Retry.READ_ONLY_REFUSED);
                return evalAlone(script, keys, args, writes, committed);
            }
            throw RedisErrors.script(url.address(), lost(e, url.address()), script);
        }
    }

    // ---- for AutoPipeline

    /** Whether the script's text went to the servers from this store already: its SHA-1 is enough. */
    boolean textSent(Script script) {
        return sent.contains(script.sha1());
    }

    /** A pipelined call of the script ran: its text, if that is what went, is cached by Redis now. */
    void sentText(Script script) {
        sent.add(script.sha1());
    }

    /** Whether a call of the script goes as EVAL_RO or EVALSHA_RO. */
    boolean readOnlyCall(Script script) {
        return readOnlyCalls && script.readOnly();
    }

    /**
     * A pipelined call sent again on its own: the server had not cached the script (NOSCRIPT: its
     * text goes), its slot moved (MOVED, ASK: asked of the cluster again), or, for a read-only
     * script ({@code why} null), its connection failed.
     */
    Object evalAlone(Script script, List<byte[]> keys, List<byte[]> args, JedisDataException why) {
        if (why instanceof JedisNoScriptException) {
            sent.remove(script.sha1());
            retried(Retry.SCRIPT_NOT_CACHED);
        } else if (why != null) {
            deployment.refresh();
            retried(Retry.SLOT_MOVED);
        }
        return evalAlone(script, keys, args, script.writes(), reply -> true);
    }

    /**
     * What a pipelined call refused by Redis gets: an ACL rule that refuses EVALSHA_RO sends it
     * again as a plain script (see {@link #readOnlyCallRefused}); any other refusal is its error.
     */
    Object refused(Script script, List<byte[]> keys, List<byte[]> args, JedisDataException e, String address) {
        if (readOnlyCall(script) && readOnlyCallRefused(e)) {
            retried(Retry.READ_ONLY_REFUSED);
            return evalAlone(script, keys, args, script.writes(), reply -> true);
        }
        throw RedisErrors.script(address, e, script);
    }

    /** Whether a read alone is sent again when its connection fails: by the cluster client, within the timeout. */
    boolean readsRetried() {
        return deployment.retriesCutOffCalls();
    }

    /** After a pipeline's connection failed: ask the servers again who holds what (a cluster's slots). */
    void refresh() {
        deployment.refresh();
    }

    /**
     * Whether an ACL rule refused EVAL_RO or EVALSHA_RO (one written before Redao sent reads that
     * way, with {@code +eval +evalsha} only): reads then go as plain scripts from now on, and say
     * once how the rule gets them back.
     */
    private boolean readOnlyCallRefused(JedisException e) {
        String m = String.valueOf(e.getMessage());
        if (!(m.startsWith("NOPERM") && (m.contains("'eval_ro'") || m.contains("'evalsha_ro'")))) {
            return false;
        }
        if (readOnlyCalls) {
            readOnlyCalls = false;
            LOG.warn("the ACL user of " + url.address() + " may not run EVALSHA_RO: reads run as"
                    + " EVALSHA and wait while writes are paused; add +eval_ro +evalsha_ro to its rule");
        }
        return true;
    }

    /**
     * Runs a read-only script once per set of keys and arguments, all in one pipeline: on a
     * cluster each node's share is written at once, in parallel, so the calls cost one round trip
     * per node rather than one each. The replies come back in the calls' order. With
     * {@code readFrom=replica} each call goes as {@link #eval(Script, List, List)} sends it.
     */
    public List<Object> evalEach(Script script, List<List<byte[]>> keys, List<List<byte[]>> args) {
        List<ScriptCall> calls = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            calls.add(new ScriptCall(script, keys.get(i), args.get(i)));
        }
        return evalAll(calls);
    }

    /** One script with its keys and arguments, for {@link #evalAll}. */
    public record ScriptCall(Script script, List<byte[]> keys, List<byte[]> args) {}

    /**
     * Runs scripts in one pipeline, as {@link #evalEach} does, and replies in the calls' order.
     * A script that writes must be one that may run twice with the same effect: the cluster
     * client sends a pipelined command again when its connection is cut off. With
     * {@code readFrom=replica}, or {@code wait} and a script that writes (its WAIT goes with it),
     * each call goes as {@link #eval(Script, List, List)} sends it.
     */
    public List<Object> evalAll(List<ScriptCall> calls) {
        List<Object> out = new ArrayList<>(calls.size());
        boolean waits = url.waitReplicas() > 0 && calls.stream().anyMatch(c -> c.script().writes());
        if (url.readFromReplica() || waits || calls.size() == 1) {
            for (ScriptCall c : calls) {
                out.add(eval(c.script(), c.keys(), c.args()));
            }
            return out;
        }
        client(); // refuses a closed store
        Set<String> textSent = new HashSet<>();
        try (AbstractPipeline pipeline = deployment.pipelined()) {
            List<Response<Object>> replies = new ArrayList<>(calls.size());
            for (ScriptCall c : calls) {
                Script script = c.script();
                boolean text = !sent.contains(script.sha1());
                if (text) {
                    textSent.add(script.sha1());
                }
                boolean readOnly = readOnlyCalls && script.readOnly(); // as in eval
                if (readOnly) {
                    replies.add(text ? pipeline.evalReadonly(script.text(), c.keys(), c.args())
                            : pipeline.evalshaReadonly(script.sha(), c.keys(), c.args()));
                } else {
                    replies.add(text ? pipeline.eval(script.text(), c.keys(), c.args())
                            : pipeline.evalsha(script.sha(), c.keys(), c.args()));
                }
            }
            pipeline.sync();
            for (int i = 0; i < calls.size(); i++) {
                ScriptCall c = calls.get(i);
                try {
                    out.add(replies.get(i).get());
                } catch (JedisNoScriptException e) { // a node that has not run it yet: its text, once
                    retried(Retry.SCRIPT_NOT_CACHED);
                    out.add(eval(c.script(), c.keys(), c.args()));
                } catch (JedisException e) {
                    if (!(readOnlyCalls && c.script().readOnly() && readOnlyCallRefused(e))) {
                        throw RedisErrors.script(url.address(), lost(e, url.address()), c.script());
                    }
                    retried(Retry.READ_ONLY_REFUSED);
                    out.add(eval(c.script(), c.keys(), c.args()));
                }
            }
        } catch (JedisException e) {
            throw RedisErrors.script(url.address(), lost(e, url.address()), calls.get(0).script());
        }
        sent.addAll(textSent);
        return out;
    }

    /** A read-only script on a replica; a replica that has not run it yet gets its text (NOSCRIPT). */
    private Object evalOnReplica(Script script, List<byte[]> keys, List<byte[]> args) {
        client(); // refuses a closed store
        try {
            try {
                return deployment.evalReadOnly(script, false, keys, args);
            } catch (JedisNoScriptException e) {
                retried(Retry.SCRIPT_NOT_CACHED);
                return deployment.evalReadOnly(script, true, keys, args);
            }
        } catch (JedisException e) {
            throw RedisErrors.script(url.address(), lost(e, url.address()), script);
        }
    }

    /**
     * A write script sent once, on one pooled connection to the master of its keys, with a WAIT
     * for {@code required} replicas in the same pipeline when that is above 0: one round trip.
     * WAIT counts the replicas that have every write this connection made, so the script's writes
     * included. The cluster client cannot pipeline WAIT (it names no key), and it sends a command
     * again when its connection is cut off, which would run a write twice if the first had run
     * (see {@link Deployment#retriesCutOffCalls()}): so the connection is taken from the pool of
     * the keys' node. A slot that moved (MOVED) is asked again and the script sent there once
     * more, since it did not run; a connection cut off is the caller's to judge
     * ({@link dev.redao.runtime.RedaoConnectionException#writeMayHaveRun()}).
     */
    private Object evalOnOwner(Script script, List<byte[]> keys, List<byte[]> args, Predicate<Object> committed, int required) {
        client(); // refuses a closed store
        int slot = keys.isEmpty() ? 0 : JedisClusterCRC16.getSlot(keys.get(0));
        if (spreadsOverSlots() && !oneSlot(keys)) {
            throw RedisErrors.crossSlot(script);
        }
        long waitMillis = Math.max(1, url.timeoutMillis() / 2);
        for (int attempt = 0; ; attempt++) {
            String address = url.address();
            try (Jedis jedis = deployment.borrowForSlot(slot)) {
                address = jedis.getConnection().getHostAndPort().toString();
                boolean text = !sent.contains(script.sha1());
                Object value;
                long confirmed;
                try {
                    if (required > 0) {
                        Pipeline pipeline = jedis.pipelined();
                        Response<Object> reply = text ? pipeline.eval(script.text(), keys, args)
                                : pipeline.evalsha(script.sha(), keys, args);
                        Response<Long> replicas = pipeline.waitReplicas(required, waitMillis);
                        pipeline.sync();
                        value = reply.get();
                        confirmed = replicas.get();
                    } else {
                        value = text ? jedis.eval(script.text(), keys, args) : jedis.evalsha(script.sha(), keys, args);
                        confirmed = 0;
                    }
                } catch (JedisNoScriptException e) {
                    // a restart or SCRIPT FLUSH: nothing ran; the text goes in a second round trip
                    sent.remove(script.sha1());
                    retried(Retry.SCRIPT_NOT_CACHED);
                    continue;
                }
                if (text) {
                    sent.add(script.sha1());
                }
                if (required > 0 && confirmed < required && committed.test(value)) {
                    throw new UnconfirmedWriteException(address, "script '" + script.name() + "'", confirmed, required);
                }
                return value;
            } catch (JedisMovedDataException e) {
                // the slot moved (a failover, a resharding) and the script did not run: ask again
                deployment.refresh();
                if (attempt > 0) {
                    throw RedisErrors.script(address, e, script);
                }
                retried(Retry.SLOT_MOVED);
            } catch (JedisConnectionException e) {
                deployment.refresh();
                throw RedisErrors.script(address, lost(e, address), script);
            } catch (JedisException e) {
                throw RedisErrors.script(address, e, script);
            }
        }
    }

    /**
     * On a Redis Cluster, refuses before anything is sent a script that would read the keys of
     * models in different hash slots: a script runs on one node, on keys of one slot (Redis fails
     * it only when a key happens to live on another node, so the refusal must not depend on where
     * slots are). Elsewhere every key is on one server, and this does nothing.
     *
     * @param what the call, for the message
     * @param baseKeys the base keys of the models the script reads
     */
    public void requireOneSlot(String what, Collection<String> baseKeys) {
        if (!inOneSlot(baseKeys)) {
            throw new CrossSlotException(what + " reads the models " + new TreeSet<>(baseKeys)
                    + ", which live in different hash slots: on a Redis Cluster one script runs only on keys of"
                    + " one slot, so nothing was sent. Models queried together need one @Model(group)");
        }
    }

    private static boolean oneSlot(List<byte[]> keys) {
        for (int i = 1; i < keys.size(); i++) {
            if (JedisClusterCRC16.getSlot(keys.get(i)) != JedisClusterCRC16.getSlot(keys.get(i - 1))) {
                return false;
            }
        }
        return true;
    }

    /** Whether keys of different hash slots may live on different servers: on a Redis Cluster. */
    public boolean spreadsOverSlots() {
        return url.kind() == RedisUrl.Kind.CLUSTER;
    }

    /** Whether one command or script may use all of {@code keys}: always, but on a Redis Cluster. */
    public boolean inOneSlot(Collection<String> keys) {
        if (!spreadsOverSlots()) {
            return true;
        }
        Set<Integer> slots = new HashSet<>();
        for (String key : keys) {
            slots.add(JedisClusterCRC16.getSlot(key));
        }
        return slots.size() <= 1;
    }

    /** Closes every connection to the servers. */
    @Override
    public void close() {
        closed = true;
        try {
            deployment.close();
        } catch (JedisException e) {
            throw RedisErrors.command(url.address(), e, "closing the connections", null);
        }
    }
}
