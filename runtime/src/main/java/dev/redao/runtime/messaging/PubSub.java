package dev.redao.runtime.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.PermissionException;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.Codecs;
import dev.redao.runtime.internal.IdType;
import dev.redao.runtime.internal.Metrics;
import dev.redao.runtime.internal.Namespaces;
import dev.redao.runtime.internal.SharedSecrets;
import dev.redao.runtime.internal.StoreConnection;
import dev.redao.runtime.tools.Keyspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Publish/subscribe on the store's server: {@link RedisStore#pubSub()}. Thread-safe.
 *
 * <p><b>Channel names are in the store's namespace</b>, by the rule of key names
 * ({@link Keyspace#key}): with namespace {@code shop}, channel {@code orders} is
 * {@code shop:orders} in Redis, pattern {@code orders.*} is {@code shop:orders.*} (which matches no
 * channel of another namespace, not even of {@code shop.x}), and a name that starts with a hash tag
 * gets the namespace inside it, so <code>{keyword}:events</code> is the change-event channel
 * <code>{shop:keyword}:events</code> of a model. The ACL channel patterns <code>&amp;shop:* &amp;{shop:*}</code>
 * cover every channel of the namespace. Pub/sub channels belong to the whole server, not to a database, so this keeps two
 * applications (or two test runs) on one server apart as their keys are. Listeners get the channel
 * name as the application wrote it, without the namespace.
 *
 * <p>Publishing uses the store's pool. Receiving uses one dedicated connection (a subscribed
 * connection can run no other command) and one thread, shared by every subscription of the store,
 * change events and watches included (on a Redis Cluster, watches add one connection and thread
 * per master, since a node sends keyspace notifications only for its own keys): listeners run there one at a time, in the order messages
 * arrive, so a slow listener delays the others; hand long work to an executor. If the connection
 * drops, the thread reconnects (first after 100 ms, then backing off up to 5 s), subscribes again
 * to everything, and logs both through SLF4J, logger {@code dev.redao.runtime.messaging.PubSub}.
 * Messages published while it was away are lost: Redis pub/sub keeps nothing.
 */
public final class PubSub implements AutoCloseable {
    static {
        // the store opens its pub/sub, and the DAOs watch and subscribe to change events, through this
        SharedSecrets.setMessagingAccess(new MessagingAccessor());
    }

    private final StoreConnection store;
    /** Receives channels and patterns: on the server that holds slot 0 (any node of a cluster hears every PUBLISH). */
    private final SubscriberConnection connection;
    /**
     * Receives keyspace notifications, which a cluster node sends only for its own keys: one
     * connection per master, by the lowest slot each serves; slot 0's is {@link #connection}.
     * Made on the first watch.
     */
    private final Map<Integer, SubscriberConnection> watchConnections = new ConcurrentHashMap<>();
    /**
     * Receives change events sent as shard messages (a cluster of Redis 7 servers, see
     * {@link StoreConnection#shardedEvents()}): one connection per hash slot of a model (or group)
     * with subscribers, on the node that holds the slot. Made on first use.
     */
    private final Map<Integer, SubscriberConnection> shardConnections = new ConcurrentHashMap<>();
    private final String namespace;
    private volatile boolean closed;
    /** The keyspace event classes that the watches made so far need; grows only. */
    private volatile String watchClasses = "";

    private PubSub(StoreConnection store) {
        this.store = store;
        this.namespace = store.namespace();
        this.connection = subscriberFollowing(0);
        watchConnections.put(0, connection);
    }

    /** The pub/sub of a store; the store makes one, on first use. Connections open on the first subscription. */
    static PubSub open(StoreConnection store) {
        return new PubSub(store);
    }

    /** A subscriber connection to the server that holds {@code slot}, whichever that is when it (re)connects. */
    private SubscriberConnection subscriberFollowing(int slot) {
        // a channel no one publishes on keeps the connection subscribed; it is in the namespace
        // so that an ACL user limited to the namespace's channels may subscribe to it
        String control = Namespaces.namespaced(namespace, "redao:pubsub:" + UUID.randomUUID());
        return new SubscriberConnection(() -> store.ownerOf(slot), store.subscriberConfig(),
                store.url().address(), control, store.url().timeoutMillis(), false, this::prepareForWatches, reconnectReport());
    }

    /** What a subscriber connection tells when it is back after a drop: the store's observer, if any. */
    private Runnable reconnectReport() {
        Metrics metrics = store.metrics();
        return metrics == null ? null : () -> metrics.reconnected(store.url().address());
    }

    /**
     * On each new subscriber connection: the keyspace notifications the watches made so far need,
     * on the server it reached. CONFIG SET does not replicate, so a replica promoted in a failover
     * sends none until this runs again.
     */
    private void prepareForWatches(Jedis connection) {
        String classes = watchClasses;
        if (!classes.isEmpty()) {
            KeyspaceEvents.ensureOn(store, connection, "K" + classes);
        }
    }

    /**
     * A shard subscriber connection for the channels of {@code channel}'s hash slot. Its control
     * channel shares the channel's hash tag, so it is in the same slot (and in the namespace).
     */
    private SubscriberConnection shardSubscriberFor(String channel) {
        int slot = JedisClusterCRC16.getSlot(channel);
        return shardConnections.computeIfAbsent(slot, s -> {
            if (closed) {
                throw new IllegalStateException("this PubSub is closed");
            }
            int tagEnd = channel.indexOf('}');
            String control = (channel.startsWith("{") && tagEnd > 0 ? channel.substring(0, tagEnd + 1) : channel)
                    + ":redao:pubsub:" + UUID.randomUUID();
            return new SubscriberConnection(() -> store.ownerOf(s), store.subscriberConfig(),
                    store.url().address(), control, store.url().timeoutMillis(), true, null, reconnectReport());
        });
    }

    /**
     * Publishes a text message.
     *
     * @param channel the channel, inside the namespace
     * @param message the message
     * @return how many subscribed connections received it, in this process or another (all the
     *     listeners of one store share one connection, and count once)
     */
    public long publish(String channel, String message) {
        byte[] body = Codecs.utf8(Arguments.requireNonNull(message, "message", "publish"), "message", "publish");
        byte[] name = Namespaces.namespaced(namespace, channel).getBytes(StandardCharsets.UTF_8);
        return store.publish(name, body);
    }

    /**
     * Publishes {@code message} as JSON, encoded by the store's Jackson mapper; receive it with the
     * typed {@code subscribe}. (A {@code String} argument goes to {@link #publish(String, String)}
     * and is sent as it is.)
     *
     * @param channel the channel, inside the namespace
     * @param message the message
     * @return how many subscribed connections received it
     * @throws InvalidArgumentException if Jackson cannot encode the message; nothing is sent
     */
    public long publish(String channel, Object message) {
        Arguments.requireNonNull(message, "message", "publish");
        byte[] name = Namespaces.namespaced(namespace, channel).getBytes(StandardCharsets.UTF_8);
        byte[] json;
        try {
            json = store.json().write(message);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("message", "publish: cannot encode a " + message.getClass().getName()
                    + " as JSON: " + e.getOriginalMessage());
        }
        return store.publish(name, json);
    }

    /**
     * Calls {@code listener} with every message published on the channels from now on, until the
     * returned subscription is closed. Returns once Redis has confirmed the subscription.
     *
     * @param listener called on the store's pub/sub thread with each message
     * @param channels the channels, inside the namespace
     * @return the subscription: close it to stop
     * @throws RedaoConnectionException if Redis does not confirm it within the store's timeout
     * @throws PermissionException if the connection's ACL user may not use one of the channels
     */
    public Subscription subscribe(MessageListener<String> listener, String... channels) {
        Arguments.requireNonNull(listener, "listener", "subscribe");
        return connection.add(false, true, channelNames(channels), (channel, message) ->
                listener.onMessage(withoutNamespace(channel), message));
    }

    /**
     * As {@link #subscribe(MessageListener, String...)}, for every channel matching one of the
     * glob-style patterns ({@code *}, {@code ?}, {@code [...]}), matched within the namespace.
     *
     * @param listener called on the store's pub/sub thread with each message
     * @param patterns glob-style channel patterns, inside the namespace
     * @return the subscription: close it to stop
     */
    public Subscription psubscribe(MessageListener<String> listener, String... patterns) {
        Arguments.requireNonNull(listener, "listener", "psubscribe");
        return connection.add(true, true, patternNames(patterns), (channel, message) ->
                listener.onMessage(withoutNamespace(channel), message));
    }

    /**
     * Receives JSON messages decoded to {@code type} by the store's Jackson mapper. A message that
     * does not decode goes to the {@link #onError error handler}, and the next one is delivered as usual.
     *
     * @param <T> the type of the messages
     * @param type what the JSON messages decode to
     * @param listener called on the store's pub/sub thread with each message
     * @param channels the channels, inside the namespace
     * @return the subscription: close it to stop
     */
    public <T> Subscription subscribe(Class<T> type, MessageListener<? super T> listener, String... channels) {
        Arguments.requireNonNull(type, "type", "subscribe");
        return connection.add(false, true, channelNames(channels), typed(store.json().type(type), listener));
    }

    /**
     * As {@link #subscribe(Class, MessageListener, String...)}, for generic types such as {@code List<Order>}.
     *
     * @param <T> the type of the messages
     * @param type what the JSON messages decode to
     * @param listener called on the store's pub/sub thread with each message
     * @param channels the channels, inside the namespace
     * @return the subscription: close it to stop
     */
    public <T> Subscription subscribe(TypeReference<T> type, MessageListener<? super T> listener, String... channels) {
        Arguments.requireNonNull(type, "type", "subscribe");
        return connection.add(false, true, channelNames(channels), typed(store.json().type(type), listener));
    }

    /**
     * Typed messages of every channel matching the patterns.
     *
     * @param <T> the type of the messages
     * @param type what the JSON messages decode to
     * @param listener called on the store's pub/sub thread with each message
     * @param patterns glob-style channel patterns, inside the namespace
     * @return the subscription: close it to stop
     */
    public <T> Subscription psubscribe(Class<T> type, MessageListener<? super T> listener, String... patterns) {
        Arguments.requireNonNull(type, "type", "psubscribe");
        return connection.add(true, true, patternNames(patterns), typed(store.json().type(type), listener));
    }

    /**
     * Typed messages of every channel matching the patterns, for generic types.
     *
     * @param <T> the type of the messages
     * @param type what the JSON messages decode to
     * @param listener called on the store's pub/sub thread with each message
     * @param patterns glob-style channel patterns, inside the namespace
     * @return the subscription: close it to stop
     */
    public <T> Subscription psubscribe(TypeReference<T> type, MessageListener<? super T> listener, String... patterns) {
        Arguments.requireNonNull(type, "type", "psubscribe");
        return connection.add(true, true, patternNames(patterns), typed(store.json().type(type), listener));
    }

    /**
     * Calls {@code listener} with every message published on the channels from now on, one at a
     * time: the next message waits until the stage the listener returned for the last one
     * completes. Messages that arrive meanwhile wait in memory, in order. The first message goes
     * on the store's pub/sub thread, the next on the thread that completed the last one's stage
     * (or on the pub/sub thread again). A listener that throws, or whose stage completes
     * exceptionally, goes to the {@link #onError error handler}, and the next message is delivered
     * as usual.
     *
     * @param listener returns when it is done with each message
     * @param channels the channels, inside the namespace
     * @return the subscription: close it to stop
     */
    public Subscription subscribeAsync(AsyncMessageListener<String> listener, String... channels) {
        Arguments.requireNonNull(listener, "listener", "subscribeAsync");
        return connection.add(false, true, channelNames(channels),
                new InTurn((channel, message) -> listener.onMessage(withoutNamespace(channel), message)));
    }

    /**
     * As {@link #subscribeAsync(AsyncMessageListener, String...)}, for JSON messages decoded to
     * {@code type} by the store's Jackson mapper.
     *
     * @param <T> the type of the messages
     * @param type what the JSON messages decode to
     * @param listener returns when it is done with each message
     * @param channels the channels, inside the namespace
     * @return the subscription: close it to stop
     */
    public <T> Subscription subscribeAsync(Class<T> type, AsyncMessageListener<? super T> listener, String... channels) {
        Arguments.requireNonNull(type, "type", "subscribeAsync");
        Arguments.requireNonNull(listener, "listener", "subscribeAsync");
        JavaType decoded = store.json().type(type);
        return connection.add(false, true, channelNames(channels),
                new InTurn((channel, message) -> listener.onMessage(withoutNamespace(channel), decode(channel, message, decoded))));
    }

    /**
     * A subscription's messages for an asynchronous listener, one at a time, in order: the next
     * when the listener's stage for the last one completes.
     */
    private final class InTurn implements BiConsumer<String, String> {
        private final BiFunction<String, String, CompletionStage<?>> listener;
        private final ArrayDeque<String[]> waiting = new ArrayDeque<>(); // guarded by this
        private boolean delivering; // guarded by this

        InTurn(BiFunction<String, String, CompletionStage<?>> listener) {
            this.listener = listener;
        }

        @Override
        public void accept(String channel, String message) {
            synchronized (this) {
                waiting.add(new String[] {channel, message});
                if (delivering) {
                    return;
                }
                delivering = true;
            }
            deliverWaiting();
        }

        private void deliverWaiting() {
            while (true) {
                String[] next;
                synchronized (this) {
                    next = waiting.poll();
                    if (next == null) {
                        delivering = false;
                        return;
                    }
                }
                CompletableFuture<?> handled;
                try {
                    CompletionStage<?> stage = listener.apply(next[0], next[1]);
                    handled = stage == null ? null : stage.toCompletableFuture();
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable t) {
                    connection.report(next[0], next[1], t);
                    continue;
                }
                if (handled == null) {
                    continue;
                }
                if (!handled.isDone()) {
                    handled.whenComplete((result, error) -> {
                        if (error != null) {
                            connection.report(next[0], next[1], unwrapped(error));
                        }
                        deliverWaiting();
                    });
                    return;
                }
                if (handled.isCompletedExceptionally()) {
                    handled.whenComplete((result, error) -> connection.report(next[0], next[1], unwrapped(error)));
                }
            }
        }
    }

    private static Throwable unwrapped(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * Stops every listener of these channels that {@code subscribe} registered; with no argument,
     * of every channel. DAO change subscriptions and watches are left alone: close their
     * {@link Subscription}s.
     *
     * @param channels the channels, inside the namespace
     */
    public void unsubscribe(String... channels) {
        connection.removeWhere(false, names(channels, "channel"), r -> r.user);
    }

    /**
     * As {@link #unsubscribe(String...)}, for pattern subscriptions.
     *
     * @param patterns glob-style channel patterns, inside the namespace
     */
    public void punsubscribe(String... patterns) {
        connection.removeWhere(true, names(patterns, "pattern"), r -> r.user);
    }

    /**
     * Where failed deliveries go: a message that did not decode to the listener's type, or a
     * listener that threw. Null restores the default, which logs a warning.
     *
     * @param handler called with the channel, the message and the error
     */
    public void onError(DeliveryErrorHandler handler) {
        connection.onError(handler);
    }

    /** For DAO change events and watches: a channel named as Redis knows it. */
    private Subscription subscribeExact(String channel, BiConsumer<String, String> listener) {
        return connection.add(false, false, List.of(channel), listener);
    }

    /** {@link RedisStore#watchKey}: a key named inside the namespace. */
    Subscription watchKey(String key, KeyEventListener listener) {
        return watch(Namespaces.namespaced(namespace, key), key, KeyspaceEvents.ANY_KEY, listener);
    }

    /** A DAO's {@code watch}: the object's key, named as Redis knows it. */
    Subscription watchObject(String key, KeyEventListener listener) {
        return watch(key, key, KeyspaceEvents.OBJECT, listener);
    }

    /**
     * Watches a key named as Redis knows it, on every server that holds data: the key's events
     * come from the server that holds it, which on a cluster may change as slots move.
     *
     * @param reportedKey the key name the listener gets
     * @param eventClasses the keyspace event classes the watch needs, see {@link KeyspaceEvents}
     */
    private Subscription watch(String key, String reportedKey, String eventClasses, KeyEventListener listener) {
        Arguments.requireNonNull(listener, "listener", "watch");
        KeyspaceEvents.ensure(store, eventClasses);
        addWatchClasses(eventClasses);
        String channel = "__keyspace@" + store.url().database() + "__:" + key;
        List<Subscription> done = new ArrayList<>();
        try {
            for (SubscriberConnection c : watchConnections()) {
                done.add(c.add(false, false, List.of(channel), (name, event) -> listener.onEvent(reportedKey, event)));
            }
        } catch (RuntimeException e) {
            done.forEach(Subscription::close);
            throw e;
        }
        return () -> done.forEach(Subscription::close);
    }

    /** Remembers event classes the watches need, for connections made later (see {@link #prepareForWatches}). */
    private synchronized void addWatchClasses(String classes) {
        watchClasses = watchClasses + KeyspaceEvents.missing(watchClasses, classes);
    }

    /** A connection per server that holds data, made on the first watch. */
    private List<SubscriberConnection> watchConnections() {
        List<SubscriberConnection> out = new ArrayList<>();
        for (int slot : store.masterSlots()) {
            out.add(watchConnections.computeIfAbsent(slot, s -> {
                if (closed) {
                    throw new IllegalStateException("this PubSub is closed");
                }
                return subscriberFollowing(s);
            }));
        }
        return out;
    }

    /**
     * A DAO's change events: decodes what its scripts publish on {@code channel}. A payload that is
     * no change event goes to the {@link #onError error handler}.
     */
    <ID> Subscription subscribeToChanges(String channel, IdType<ID> idType, Consumer<? super ChangeEvent<ID>> listener) {
        Arguments.requireNonNull(listener, "listener", "subscribe");
        BiConsumer<String, String> decode = (c, payload) -> listener.accept(ChangeEvents.parse(payload, idType));
        if (store.shardedEvents()) {
            return shardSubscriberFor(channel).add(false, false, List.of(channel), decode);
        }
        return subscribeExact(channel, decode);
    }

    /**
     * Ends every subscription of the store (DAO change subscriptions and watches included) and
     * closes the connection. Publishing still works; subscribing again does not. The store closes
     * it too.
     */
    @Override
    public void close() {
        closed = true;
        watchConnections.values().forEach(SubscriberConnection::close);
        shardConnections.values().forEach(SubscriberConnection::close);
    }

    /** The type is resolved once, here; Jackson decodes each message to it. */
    private <T> BiConsumer<String, String> typed(JavaType type, MessageListener<? super T> listener) {
        Arguments.requireNonNull(listener, "listener", "subscribe");
        return (channel, message) -> listener.onMessage(withoutNamespace(channel), decode(channel, message, type));
    }

    /** A JSON message decoded to {@code type}; one that does not decode is the delivery's error. */
    private <T> T decode(String channel, String message, JavaType type) {
        try {
            return store.json().read(message.getBytes(StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new RedaoException("a message on channel '" + channel + "' is not a JSON " + type.toCanonical()
                    + ": " + e.getMessage(), e);
        }
    }

    private List<String> channelNames(String[] channels) {
        List<String> out = names(channels, "channel");
        if (out.isEmpty()) {
            throw new InvalidArgumentException("channels", "subscribe: name at least one channel");
        }
        return out;
    }

    private List<String> patternNames(String[] patterns) {
        List<String> out = names(patterns, "pattern");
        if (out.isEmpty()) {
            throw new InvalidArgumentException("patterns", "psubscribe: name at least one pattern");
        }
        return out;
    }

    private List<String> names(String[] given, String what) {
        Arguments.requireNoNulls(given, what + "s", "a " + what + " list");
        List<String> out = new ArrayList<>(given.length);
        for (String name : given) {
            out.add(Namespaces.namespaced(namespace, name));
        }
        return out;
    }

    /** The name as the application gave it: the reverse of {@link Namespaces#namespaced}. */
    private String withoutNamespace(String channel) {
        if (namespace.isEmpty()) {
            return channel;
        }
        String prefix = Namespaces.prefix(namespace);
        if (channel.startsWith("{" + prefix)) {
            return "{" + channel.substring(1 + prefix.length());
        }
        return channel.startsWith(prefix) ? channel.substring(prefix.length()) : channel;
    }
}
