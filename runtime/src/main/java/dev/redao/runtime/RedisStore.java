package dev.redao.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redao.runtime.async.AsyncStore;
import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.Json;
import dev.redao.runtime.internal.Metrics;
import dev.redao.runtime.internal.SharedSecrets;
import dev.redao.runtime.internal.StoreConnection;
import dev.redao.runtime.messaging.KeyEventListener;
import dev.redao.runtime.messaging.KeyspaceEventsException;
import dev.redao.runtime.messaging.PubSub;
import dev.redao.runtime.messaging.Subscription;
import dev.redao.runtime.metrics.PoolStats;
import dev.redao.runtime.metrics.RedaoObserver;
import dev.redao.runtime.queue.ReliableQueue;
import dev.redao.runtime.tools.Keyspace;
import dev.redao.runtime.tools.LuaPrograms;
import dev.redao.runtime.tools.Pipeline;
import dev.redao.runtime.tools.RedisInfo;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * A pool of connections to one Redis database, with the namespace that every key and channel of
 * the store is in (see {@link Keyspace}). Thread-safe; create one per application and close it at
 * shutdown.
 */
public final class RedisStore implements AutoCloseable {
    static {
        // Redao's other packages reach what a store and a DAO are underneath through this
        SharedSecrets.setCoreAccess(new CoreAccessor());
    }

    private final StoreConnection connection;
    private final int maxInFlight;
    private PubSub pubSub; // guarded by this; made on first use
    private AsyncStore async; // guarded by this; made on first use
    private boolean closed; // guarded by this

    private RedisStore(StoreConnection connection, int maxInFlight) {
        this.connection = connection;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Connects, checks that the server answers and is recent enough, and fails fast otherwise.
     *
     * @param url the connection string (see {@link RedisUrl})
     * @return the connected store; close it when done
     */
    public static RedisStore connect(String url) {
        return connect(RedisUrl.parse(url), Json.defaultMapper());
    }

    /**
     * As {@link #connect(String)}, with your own Jackson mapper for fields stored as JSON.
     *
     * @param url the connection string (see {@link RedisUrl})
     * @param mapper the Jackson mapper for fields stored as JSON
     * @return the connected store; close it when done
     */
    public static RedisStore connect(String url, ObjectMapper mapper) {
        return connect(RedisUrl.parse(url), mapper);
    }

    /**
     * As {@link #connect(String, ObjectMapper)}, for a parsed URL.
     *
     * @param url the connection string, parsed
     * @param mapper the Jackson mapper for fields stored as JSON
     * @return the connected store; close it when done
     */
    public static RedisStore connect(RedisUrl url, ObjectMapper mapper) {
        return connect(url, mapper, null);
    }

    /**
     * As {@link #connect(String, ObjectMapper)}, for {@code rediss://} URLs whose server certificate
     * the JVM's default trust store does not know: {@code tls} makes the TLS connections (build it
     * from an {@code SSLContext} that trusts your CA). The server's name is verified against its
     * certificate either way.
     *
     * @param url the connection string (see {@link RedisUrl})
     * @param mapper the Jackson mapper for fields stored as JSON
     * @param tls the TLS socket factory, or null for the JVM's default trust store
     * @return the connected store; close it when done
     */
    public static RedisStore connect(String url, ObjectMapper mapper, SSLSocketFactory tls) {
        return connect(RedisUrl.parse(url), mapper, tls);
    }

    /**
     * As {@link #connect(String, ObjectMapper, SSLSocketFactory)}, with Redao's default Jackson mapper.
     *
     * @param url the connection string (see {@link RedisUrl})
     * @param tls the TLS socket factory, or null for the JVM's default trust store
     * @return the connected store; close it when done
     */
    public static RedisStore connect(String url, SSLSocketFactory tls) {
        return connect(RedisUrl.parse(url), Json.defaultMapper(), tls);
    }

    /**
     * A new Jackson mapper with Redao's settings for fields stored as JSON, the one the {@code connect}
     * methods without a mapper use: {@code java.time} types as ISO-8601 text, unknown properties
     * ignored (so an object stored before a field was removed still reads). Configure it further and
     * pass it to {@link #connect(RedisUrl, ObjectMapper, SSLSocketFactory)}.
     *
     * @return a new mapper
     */
    public static ObjectMapper defaultObjectMapper() {
        return Json.defaultMapper();
    }

    /**
     * The form the others come to: {@code tls} may be null, for the JVM's default trust store.
     *
     * @param url the connection string (see {@link RedisUrl})
     * @param mapper the Jackson mapper for fields stored as JSON
     * @param tls the TLS socket factory, or null for the JVM's default trust store
     * @return the connected store; close it when done
     */
    public static RedisStore connect(RedisUrl url, ObjectMapper mapper, SSLSocketFactory tls) {
        Arguments.requireNonNull(url, "url", "connect");
        Arguments.requireNonNull(mapper, "mapper", "connect");
        return connect(url, Options.defaults().mapper(mapper).tls(tls));
    }

    /**
     * As {@link #connect(String)}, with the options of {@code options}: your own Jackson mapper, a
     * TLS socket factory, an observer for metrics.
     *
     * <pre>{@code
     * RedisStore store = RedisStore.connect("redis://127.0.0.1:6379?namespace=shop",
     *         RedisStore.Options.defaults().observer(observer));
     * }</pre>
     *
     * @param url the connection string (see {@link RedisUrl})
     * @param options the options
     * @return the connected store; close it when done
     */
    public static RedisStore connect(String url, Options options) {
        return connect(RedisUrl.parse(url), options);
    }

    /**
     * The form every other {@code connect} comes to.
     *
     * @param url the connection string, parsed
     * @param options the options
     * @return the connected store; close it when done
     */
    public static RedisStore connect(RedisUrl url, Options options) {
        Arguments.requireNonNull(url, "url", "connect");
        Arguments.requireNonNull(options, "options", "connect");
        RedisStore store = new RedisStore(StoreConnection.open(url, options.mapper, options.tls, options.observer,
                options.schemaChanges), options.maxInFlight);
        Metrics metrics = store.connection.metrics();
        if (metrics != null) {
            metrics.lifecycle(() -> metrics.observer().attached(store));
        }
        return store;
    }

    /**
     * How a store connects, besides its URL: immutable, each setter returns a new {@code Options}.
     * {@link #defaults()} has Redao's Jackson mapper, the JVM's default trust store, no
     * observer, and refuses a changed schema ({@link SchemaChanges#REFUSE}).
     */
    public static final class Options {
        /** The default of {@link #maxInFlight}. */
        public static final int MAX_IN_FLIGHT = 256;
        private static final Options DEFAULTS = new Options(null, null, null, SchemaChanges.REFUSE, MAX_IN_FLIGHT);

        private final ObjectMapper mapper;
        private final SSLSocketFactory tls;
        private final RedaoObserver observer;
        private final SchemaChanges schemaChanges;
        private final int maxInFlight;

        private Options(ObjectMapper mapper, SSLSocketFactory tls, RedaoObserver observer, SchemaChanges schemaChanges,
                        int maxInFlight) {
            this.mapper = mapper != null ? mapper : Json.defaultMapper();
            this.tls = tls;
            this.observer = observer;
            this.schemaChanges = schemaChanges;
            this.maxInFlight = maxInFlight;
        }

        /** {@return Redao's Jackson mapper, the JVM's default trust store, no observer, changed schemas refused} */
        public static Options defaults() {
            return DEFAULTS;
        }

        /**
         * The Jackson mapper for fields and messages stored as JSON.
         *
         * @param mapper the mapper
         * @return the options with this mapper
         */
        public Options mapper(ObjectMapper mapper) {
            return new Options(Arguments.requireNonNull(mapper, "mapper", "Options.mapper"), tls, observer, schemaChanges,
                    maxInFlight);
        }

        /**
         * For {@code rediss://} URLs whose server certificate the JVM's default trust store does not
         * know: the factory of the TLS connections (see {@link #connect(String, ObjectMapper, SSLSocketFactory)}).
         *
         * @param tls the TLS socket factory, or null for the JVM's default trust store
         * @return the options with this factory
         */
        public Options tls(SSLSocketFactory tls) {
            return new Options(mapper, tls, observer, schemaChanges, maxInFlight);
        }

        /**
         * What hears of the store's operations, retries and lost connections, for metrics (see
         * {@link RedaoObserver}). Without one, the store reports nothing and pays nothing for it.
         *
         * @param observer the observer, or null for none
         * @return the options with this observer
         */
        public Options observer(RedaoObserver observer) {
            return new Options(mapper, tls, observer, schemaChanges, maxInFlight);
        }

        /**
         * What a DAO does when the schema stored with its model differs from its own, which it reads
         * on its first call: refuse its calls with a {@link SchemaChangedException}, the default, or
         * re-index the model first (docs/schema.md).
         *
         * @param schemaChanges what to do
         * @return the options with this choice
         */
        public Options schemaChanges(SchemaChanges schemaChanges) {
            return new Options(mapper, tls, observer, Arguments.requireNonNull(schemaChanges, "schemaChanges",
                    "Options.schemaChanges"), maxInFlight);
        }

        /**
         * How many asynchronous calls ({@link RedisStore#async()}) may be under way at once, each
         * on a thread of the store's; one more waits for one of them to finish, up to the
         * connection's timeout, then fails with {@link InFlightLimitException}. Default
         * {@value #MAX_IN_FLIGHT}.
         *
         * @param maxInFlight at least 1
         * @return the options with this limit
         */
        public Options maxInFlight(int maxInFlight) {
            if (maxInFlight < 1) {
                throw new InvalidArgumentException("maxInFlight", "Options.maxInFlight must be at least 1, not " + maxInFlight);
            }
            return new Options(mapper, tls, observer, schemaChanges, maxInFlight);
        }
    }

    /**
     * The store's asynchronous calls: any of Redao's calls, run on a thread of the store's,
     * returns a future of its result or of its typed exception (see {@link AsyncStore}, and
     * {@link ModelDao#async()} for a DAO's).
     *
     * @return the store's one {@link AsyncStore}
     */
    public synchronized AsyncStore async() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        if (async == null) {
            async = SharedSecrets.async().newAsyncStore(this, maxInFlight);
        }
        return async;
    }

    /** {@return the connection string the store was opened with} */
    public RedisUrl url() {
        return connection.url();
    }

    /**
     * The namespace's name, from the URL's {@code namespace} parameter ({@code shop}: keys
     * {@code shop:...} and <code>{shop:...</code>); empty for none.
     *
     * @return the namespace's name, or empty
     */
    public String namespace() {
        return connection.namespace();
    }

    /**
     * The store's connection pools now, summed over its pools (see {@link PoolStats}): connections
     * in use, idle, and callers waiting for one.
     *
     * @return the figures
     * @throws IllegalStateException if the store is closed
     */
    public PoolStats poolStats() {
        return connection.poolStats();
    }

    /** For Redao's other packages, through {@code SharedSecrets}: what the store is underneath. */
    StoreConnection connection() {
        return connection;
    }

    /**
     * Publish/subscribe in the store's namespace, and the store's one subscriber connection, which
     * DAO change subscriptions and watches share. The same object on every call; closed with the store.
     *
     * @return the store's pub/sub
     */
    public synchronized PubSub pubSub() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        if (pubSub == null) {
            pubSub = SharedSecrets.messaging().newPubSub(connection);
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
     * @param key the key name, inside the namespace
     * @param listener called on the store's pub/sub thread with each event
     * @return the subscription: close it to stop
     * @throws KeyspaceEventsException if the flags are missing and this connection may not set them;
     *     the message says what an administrator must set
     */
    public Subscription watchKey(String key, KeyEventListener listener) {
        Arguments.requireNonNull(key, "key", "watchKey");
        Arguments.requireNonNull(listener, "listener", "watchKey");
        return SharedSecrets.messaging().watchKey(pubSub(), key, listener);
    }

    /**
     * python-stdnet's client extensions (pattern counts and deletes, zdiffstore, atomic pops) for
     * keys of your own, confined to this store's namespace.
     *
     * @return the keyspace tools
     */
    public Keyspace keyspace() {
        return SharedSecrets.tools().newKeyspace(connection);
    }

    /**
     * Runs {@code work}, which adds saves and deletes of any models to the transaction, then
     * commits them in one script, all or nothing (see {@link Transaction}). If {@code work}
     * throws, nothing is sent.
     *
     * @param work what to run
     * @throws UniqueViolationException for the first refused object, if a unique value was taken;
     *     nothing was written
     * @throws OptimisticLockException for the first refused object, if its version was stale;
     *     nothing was written
     * @throws MissingObjectException for the first refused object, if it had to exist and did not;
     *     nothing was written
     */
    public void transaction(Consumer<? super Transaction> work) {
        Arguments.requireNonNull(work, "work", "transaction");
        try (Transaction tx = beginTransaction()) {
            work.accept(tx);
            tx.commit();
        }
    }

    /**
     * A transaction for try-with-resources: call {@link Transaction#commit()} at the end of the
     * block; closing it without a commit discards it.
     *
     * @return the transaction
     */
    public Transaction beginTransaction() {
        return new Transaction(connection);
    }

    /**
     * A new pipeline: commands on keys of the namespace, queued and sent in one round trip on
     * {@link Pipeline#sync()}. It borrows a pooled connection only while it syncs.
     *
     * @return the pipeline
     */
    public Pipeline pipeline() {
        return SharedSecrets.tools().newPipeline(connection);
    }

    /**
     * The INFO of the server (of each master of a cluster: see {@link RedisInfo}): version, uptime, clients, memory, ops/s, keyspace, role, every raw field.
     *
     * @return the server's figures
     */
    public RedisInfo serverInfo() {
        return SharedSecrets.tools().serverInfo(connection);
    }

    /**
     * The reliable queue {@code name} of this namespace, carrying messages of {@code type} as JSON.
     * A queue is state in Redis: any number of these objects, in any process, may name one queue.
     *
     * @param <T> the type of the messages
     * @param name the queue's name, inside the namespace
     * @param type what the JSON messages decode to
     * @return the queue
     */
    public <T> ReliableQueue<T> queue(String name, Class<T> type) {
        Arguments.requireNonNull(name, "name", "queue");
        Arguments.requireNonNull(type, "type", "queue");
        return SharedSecrets.queue().newQueue(connection, name, connection.json().type(type));
    }

    /**
     * As {@link #queue(String, Class)}, for generic message types such as {@code List<Job>}.
     *
     * @param <T> the type of the messages
     * @param name the queue's name, inside the namespace
     * @param type what the JSON messages decode to
     * @return the queue
     */
    public <T> ReliableQueue<T> queue(String name, TypeReference<T> type) {
        Arguments.requireNonNull(name, "name", "queue");
        Arguments.requireNonNull(type, "type", "queue");
        return SharedSecrets.queue().newQueue(connection, name, connection.json().type(type));
    }

    /**
     * The user Lua programs under {@code lua/} on the class path, found by scanning it now (keep the
     * result rather than calling this per use). See {@link LuaPrograms}.
     *
     * @return the programs found
     */
    public LuaPrograms luaPrograms() {
        return LuaPrograms.load(this);
    }

    /**
     * Runs {@code work} with the store's Jedis client, for any Redis command Redao has no method
     * for: each command goes to the server that holds its keys (on a cluster, keys of one command
     * must share a slot). Keys are used as given: apply the namespace yourself with {@link Keyspace#key}. What Jedis throws becomes a
     * {@link RedaoException} (a refused command, {@link RedisUnavailableException} for a server
     * that cannot serve now, and so on); any other exception of {@code work} passes as it is.
     *
     * @param <R> what {@code work} returns
     * @param work what to run
     * @return what {@code work} returns
     */
    public <R> R execute(Function<UnifiedJedis, R> work) {
        return connection.execute(Arguments.requireNonNull(work, "work", "execute"));
    }

    /** Closes the pub/sub connection (ending every subscription and watch) and every connection to the servers. */
    @Override
    public void close() {
        PubSub open;
        AsyncStore calls;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = pubSub;
            calls = async;
        }
        if (calls != null) {
            calls.close();
        }
        try {
            if (open != null) {
                open.close();
            }
        } finally {
            connection.close();
            Metrics metrics = connection.metrics();
            if (metrics != null) {
                metrics.lifecycle(() -> metrics.observer().closed(this));
            }
        }
    }
}
