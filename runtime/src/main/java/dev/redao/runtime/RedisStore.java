package dev.redao.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A pool of connections to one Redis database, with the namespace that every key and channel of
 * the store is in (see {@link Keyspace}). Thread-safe; create one per application and close it at
 * shutdown.
 */
public final class RedisStore implements AutoCloseable {
    /** Scripts use features of Redis 6.2 (ZRANGESTORE, GETDEL, the Lua error conventions). */
    static final String MINIMUM_VERSION = "6.2";

    private final RedisUrl url;
    private final JedisPool pool;
    private final Json json;
    private final JedisClientConfig subscriberConfig;
    /** The SHA-1s of the scripts this store has sent as text, which Redis has cached since (unless flushed). */
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private PubSub pubSub; // guarded by this; made on first use
    private boolean closed; // guarded by this

    private RedisStore(RedisUrl url, JedisPool pool, Json json, JedisClientConfig subscriberConfig) {
        this.url = url;
        this.pool = pool;
        this.json = json;
        this.subscriberConfig = subscriberConfig;
    }

    /** Connects, checks that the server answers and is recent enough, and fails fast otherwise. */
    public static RedisStore connect(String url) {
        return connect(RedisUrl.parse(url), Json.defaultMapper());
    }

    /** As {@link #connect(String)}, with your own Jackson mapper for fields stored as JSON. */
    public static RedisStore connect(String url, ObjectMapper mapper) {
        return connect(RedisUrl.parse(url), mapper);
    }

    public static RedisStore connect(RedisUrl url, ObjectMapper mapper) {
        return connect(url, mapper, null);
    }

    /**
     * As {@link #connect(String, ObjectMapper)}, for {@code rediss://} URLs whose server certificate
     * the JVM's default trust store does not know: {@code tls} makes the TLS connections (build it
     * from an {@code SSLContext} that trusts your CA). The server's name is verified against its
     * certificate either way.
     */
    public static RedisStore connect(String url, ObjectMapper mapper, SSLSocketFactory tls) {
        return connect(RedisUrl.parse(url), mapper, tls);
    }

    public static RedisStore connect(RedisUrl url, ObjectMapper mapper, SSLSocketFactory tls) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .database(url.database())
                .timeoutMillis(url.timeoutMillis())
                .ssl(url.tls())
                .clientName("redao")
                // RESP2, said outright: the classic Jedis client speaks nothing else, and left to
                // negotiate it logs a warning for every new connection
                .protocol(RedisProtocol.RESP2);
        if (url.password() != null) {
            config.user(url.user()).password(url.password());
        }
        if (url.tls()) {
            SSLParameters parameters = new SSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            config.sslParameters(parameters);
            if (tls != null) {
                config.sslSocketFactory(tls);
            }
        }
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(url.poolSize());
        poolConfig.setMaxIdle(url.poolSize());
        poolConfig.setJmxEnabled(false);
        JedisPool pool = new JedisPool(poolConfig, new HostAndPort(url.host(), url.port()), config.build());
        // the pub/sub connection says what it is in CLIENT LIST
        JedisClientConfig subscriberConfig = config.clientName("redao-pubsub").build();
        RedisStore store = new RedisStore(url, pool, new Json(mapper), subscriberConfig);
        try {
            store.checkServer();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return store;
    }

    private void checkServer() {
        String info = execute(jedis -> jedis.info("server"));
        String version = ServerInfo.parse(info).get("redis_version");
        if (version == null || ServerInfo.compareVersions(version, MINIMUM_VERSION) < 0) {
            throw new RedaoException("Redis at " + url.address() + " is version " + version
                    + "; Redao needs " + MINIMUM_VERSION + " or later");
        }
    }

    public RedisUrl url() {
        return url;
    }

    /**
     * The namespace's name, from the URL's {@code namespace} parameter ({@code shop}: keys
     * {@code shop:...} and <code>{shop:...</code>); empty for none.
     */
    public String namespace() {
        return url.namespace();
    }

    /** The codec of fields stored as JSON. */
    public Json json() {
        return json;
    }

    /**
     * Publish/subscribe in the store's namespace, and the store's one subscriber connection, which
     * DAO change subscriptions and watches share. The same object on every call; closed with the store.
     */
    public synchronized PubSub pubSub() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        if (pubSub == null) {
            // a channel no one publishes on keeps the connection subscribed; it is in the namespace
            // so that an ACL user limited to the namespace's channels may subscribe to it
            String control = Keyspace.namespaced(url.namespace(), "redao:pubsub:" + UUID.randomUUID());
            SubscriberConnection connection = new SubscriberConnection(new HostAndPort(url.host(), url.port()),
                    subscriberConfig, url.address(), control, url.timeoutMillis());
            pubSub = new PubSub(this, connection);
        }
        return pubSub;
    }

    /**
     * Calls {@code listener} with each event Redis reports for the key {@code key} of the namespace
     * (named as by {@link Keyspace#key}: {@code <namespace>:key}, or the namespace inside a leading
     * hash tag), such as {@code set}, {@code hset}, {@code del}, {@code expired}, through keyspace
     * notifications on the store's pub/sub connection. Returns once Redis has confirmed the
     * subscription.
     *
     * <p>Keyspace notifications are off on a default server. This checks {@code notify-keyspace-events}
     * first, and adds what is missing ({@code K} and every event class) with CONFIG SET, keeping the
     * flags already set.
     *
     * @throws KeyspaceEventsException if the flags are missing and this connection may not set them;
     *     the message says what an administrator must set
     */
    public Subscription watchKey(String key, KeyEventListener listener) {
        return watch(Keyspace.namespaced(url.namespace(), key), key, KeyspaceEvents.ANY_KEY, listener);
    }

    /**
     * Watches a key named as Redis knows it.
     *
     * @param reportedKey the key name the listener gets
     * @param eventClasses the keyspace event classes the watch needs, see {@link KeyspaceEvents}
     */
    Subscription watch(String key, String reportedKey, String eventClasses, KeyEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        KeyspaceEvents.ensure(this, eventClasses);
        String channel = "__keyspace@" + url.database() + "__:" + key;
        return pubSub().subscribeExact(channel, (c, event) -> listener.onEvent(reportedKey, event));
    }

    /**
     * python-stdnet's client extensions (pattern counts and deletes, zdiffstore, atomic pops) for
     * keys of your own, confined to this store's namespace.
     */
    public Keyspace keyspace() {
        return new Keyspace(this);
    }

    /**
     * Runs {@code work}, which adds saves and deletes of any models to the transaction, then
     * commits them in one script, all or nothing (see {@link Transaction}). If {@code work}
     * throws, nothing is sent.
     *
     * @throws UniqueViolationException, OptimisticLockException or MissingObjectException for the
     *     first refused object; nothing was written
     */
    public void transaction(Consumer<? super Transaction> work) {
        try (Transaction tx = beginTransaction()) {
            work.accept(tx);
            tx.commit();
        }
    }

    /**
     * A transaction for try-with-resources: call {@link Transaction#commit()} at the end of the
     * block; closing it without a commit discards it.
     */
    public Transaction beginTransaction() {
        return new Transaction(this);
    }

    /**
     * A new pipeline: commands on keys of the namespace, queued and sent in one round trip on
     * {@link Pipeline#sync()}. It borrows a pooled connection only while it syncs.
     */
    public Pipeline pipeline() {
        return new Pipeline(this);
    }

    /** The server's INFO (version, uptime, clients, memory, ops/s, keyspace, role, every raw field); one round trip. */
    public RedisInfo serverInfo() {
        return RedisInfo.parse(execute(jedis -> jedis.info()));
    }

    /**
     * The reliable queue {@code name} of this namespace, carrying messages of {@code type} as JSON.
     * A queue is state in Redis: any number of these objects, in any process, may name one queue.
     */
    public <T> ReliableQueue<T> queue(String name, Class<T> type) {
        return new ReliableQueue<>(this, name, json.type(type));
    }

    /** As {@link #queue(String, Class)}, for generic message types such as {@code List<Job>}. */
    public <T> ReliableQueue<T> queue(String name, TypeReference<T> type) {
        return new ReliableQueue<>(this, name, json.type(type));
    }

    /**
     * The user Lua programs under {@code lua/} on the class path, found by scanning it now (keep the
     * result rather than calling this per use). See {@link LuaPrograms}.
     */
    public LuaPrograms luaPrograms() {
        return LuaPrograms.load(this);
    }

    /**
     * Runs {@code work} on a pooled connection, for any Redis command Redao has no method for.
     * Keys are used as given: apply the namespace yourself with {@link Keyspace#key}. What Jedis throws becomes a
     * {@link RedaoException} (a refused command, {@link RedisUnavailableException} for a server
     * that cannot serve now, and so on); any other exception of {@code work} passes as it is.
     */
    public <R> R execute(Function<Jedis, R> work) {
        return execute(work, "the command", null);
    }

    /**
     * As {@link #execute(Function)}; a WRONGTYPE reply becomes a {@link CorruptDataException}
     * naming {@code key}, for the DAO's direct reads of its own keys.
     */
    <R> R execute(Function<Jedis, R> work, byte[] key) {
        try (Jedis jedis = borrow()) {
            return work.apply(jedis);
        } catch (JedisException e) {
            // the key's name is made only here: these reads are the DAO's fastest path
            String name = new String(key, StandardCharsets.UTF_8);
            throw RedisErrors.command(url.address(), e, "a command on key '" + name + "'",
                    reason -> new CorruptDataException("key '" + name + "' holds the wrong type of value: " + reason));
        }
    }

    /**
     * As {@link #execute(Function)}, naming the call as {@code what} in messages.
     *
     * @param wrongType the exception for a WRONGTYPE reply, given Redis's words; null for a plain refusal
     */
    <R> R execute(Function<Jedis, R> work, String what, Function<String, RedaoException> wrongType) {
        try (Jedis jedis = borrow()) {
            return work.apply(jedis);
        } catch (JedisException e) {
            throw RedisErrors.command(url.address(), e, what, wrongType);
        }
    }

    private Jedis borrow() {
        try {
            return pool.getResource();
        } catch (JedisException e) {
            if (pool.isClosed()) {
                throw new IllegalStateException("the store is closed", e);
            }
            throw RedisErrors.connecting(url, e);
        }
    }

    /**
     * Runs a script in one round trip: its first call from this store sends the text with EVAL,
     * which also caches it in Redis, and later calls send only the SHA-1 with EVALSHA. After a
     * restart or SCRIPT FLUSH, Redis answers NOSCRIPT and the text goes once more. Errors that a
     * script raises with a {@code REDAO-} tag become typed exceptions, as do the server's conditions.
     */
    Object eval(Script script, List<byte[]> keys, List<byte[]> args) {
        try (Jedis jedis = borrow()) {
            if (sent.add(script.sha1())) {
                return jedis.eval(script.text(), keys, args);
            }
            try {
                return jedis.evalsha(script.sha(), keys, args);
            } catch (JedisNoScriptException e) {
                return jedis.eval(script.text(), keys, args);
            }
        } catch (JedisException e) {
            throw RedisErrors.script(url.address(), e, script);
        }
    }

    /** Closes the pub/sub connection (ending every subscription and watch) and the pool. */
    @Override
    public void close() {
        PubSub open;
        synchronized (this) {
            closed = true;
            open = pubSub;
        }
        try {
            if (open != null) {
                open.close();
            }
        } finally {
            try {
                pool.close();
            } catch (JedisException e) {
                throw RedisErrors.command(url.address(), e, "closing the pool", null);
            }
        }
    }
}
