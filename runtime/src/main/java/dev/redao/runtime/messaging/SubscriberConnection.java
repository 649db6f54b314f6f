package dev.redao.runtime.messaging;

import dev.redao.runtime.PermissionException;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.internal.RedisErrors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.JedisShardedPubSub;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The dedicated connection on which a {@link PubSub} receives, and the one thread that reads it
 * and calls the listeners. A subscribed connection can run no other command, so it never comes
 * from the pool.
 *
 * <p>The connection also subscribes to a private control channel, so it stays subscribed (and its
 * thread alive) while no listener is registered. When it drops, the thread reconnects with bounded
 * exponential backoff and subscribes again to every channel and pattern that has a listener, and
 * logs both. Channel and pattern names here are as Redis knows them (namespace included).
 */
final class SubscriberConnection {
    private static final Logger LOG = LoggerFactory.getLogger(PubSub.class);
    static final long FIRST_RETRY_MILLIS = 100;
    static final long MAX_RETRY_MILLIS = 5_000;
    /** How long close() waits for the thread to stop; it is a daemon, so it cannot hold the JVM up. */
    private static final long STOP_MILLIS = 2_000;

    /** Where to connect, asked on every attempt: after a failover, the new master. */
    private final Supplier<HostAndPort> address;
    private final JedisClientConfig config;
    private final String addressText;
    private final String control;
    private final long confirmMillis;
    /** Shard channels (SSUBSCRIBE) rather than channels and patterns. */
    private final boolean sharded;
    /** Runs on each new connection before it subscribes; may be null. */
    private final Consumer<Jedis> prepare;
    /** Told of each reconnection, for the store's metrics; null for none. */
    private final Runnable reconnected;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    // guarded by lock
    private final Map<String, List<Registration>> channels = new LinkedHashMap<>();
    private final Map<String, List<Registration>> patterns = new LinkedHashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private Receiver ready;
    private Jedis jedis;
    private boolean closed;
    private boolean recovering;
    private long retryMillis = FIRST_RETRY_MILLIS;

    private volatile Thread thread;
    private volatile DeliveryErrorHandler errorHandler = SubscriberConnection::logDeliveryError;

    /**
     * @param control a channel no one publishes on; under the namespace, so that an ACL user limited
     *     to the namespace's channels may subscribe to it
     * @param confirmMillis how long a subscribe waits for Redis to confirm it
     * @param sharded whether to subscribe to shard channels of one hash slot (SSUBSCRIBE, Redis 7),
     *     whose control channel is then in that slot too
     * @param prepare what to run on each new connection before it subscribes, such as making the
     *     server send the keyspace notifications that watches need (a new master after a failover
     *     does not have the old one's settings); null for nothing. A failure is logged, and the
     *     connection subscribes all the same
     * @param reconnected what to tell each time the connection is back after a drop; null for nothing
     */
    SubscriberConnection(Supplier<HostAndPort> address, JedisClientConfig config, String addressText, String control, long confirmMillis,
                         boolean sharded, Consumer<Jedis> prepare, Runnable reconnected) {
        this.sharded = sharded;
        this.prepare = prepare;
        this.reconnected = reconnected;
        this.address = address;
        this.config = config;
        this.addressText = addressText;
        this.control = control;
        this.confirmMillis = confirmMillis;
    }

    void onError(DeliveryErrorHandler handler) {
        errorHandler = handler == null ? SubscriberConnection::logDeliveryError : handler;
    }

    /**
     * Registers {@code listener} for the channels (or patterns) and waits until Redis confirmed each
     * one, so that a message published after this returns reaches the listener.
     *
     * @param user whether the registration came from {@link PubSub#subscribe} (and so may be
     *     removed by {@link PubSub#unsubscribe()}), rather than from a DAO or a watch
     * @param listener called with the channel and the message
     * @throws RedaoConnectionException if Redis does not confirm in time; nothing stays registered
     * @throws PermissionException if an ACL refuses the channel, and another {@link RedaoException}
     *     for any other refusal, typed as for any call
     */
    Subscription add(boolean pattern, boolean user, Collection<String> names, BiConsumer<String, String> listener) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one " + (pattern ? "pattern" : "channel"));
        }
        Registration r = new Registration(pattern, user, names, listener);
        Pending p = new Pending(r);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("this PubSub is closed");
            }
            Map<String, List<Registration>> map = pattern ? patterns : channels;
            for (String name : r.names) {
                map.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
            }
            pending.add(p);
            startThread();
            if (ready != null) {
                send(ready, pattern, true, r.names);
            }
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() == thread) {
            // called from a listener: the confirmation arrives on this very thread, after we return
            return r;
        }
        awaitConfirmation(p);
        return r;
    }

    private void awaitConfirmation(Pending p) {
        boolean confirmed;
        try {
            confirmed = p.done.await(confirmMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forget(p);
            throw new RedaoException("interrupted while subscribing to " + p.registration.names, e);
        }
        if (!confirmed) {
            forget(p);
            throw new RedaoConnectionException(addressText, new TimeoutException(
                    "Redis did not confirm the subscription to " + p.registration.names + " within " + confirmMillis + " ms"));
        }
        if (p.failure != null) {
            throw p.failure;
        }
    }

    private void forget(Pending p) {
        lock.lock();
        try {
            pending.remove(p);
        } finally {
            lock.unlock();
        }
        p.registration.close();
    }

    /** Unregisters one registration; Redis unsubscribes from names no other registration needs. */
    private void remove(Registration r) {
        lock.lock();
        try {
            detach(r, new ArrayList<>(r.names));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the deliveries of the given channels (or patterns; every one if {@code names} is empty)
     * to registrations that {@code which} selects.
     */
    void removeWhere(boolean pattern, Collection<String> names, Predicate<Registration> which) {
        lock.lock();
        try {
            Map<String, List<Registration>> map = pattern ? patterns : channels;
            Set<String> selected = names.isEmpty() ? new LinkedHashSet<>(map.keySet()) : new LinkedHashSet<>(names);
            Set<Registration> affected = new LinkedHashSet<>();
            for (String name : selected) {
                for (Registration r : map.getOrDefault(name, List.of())) {
                    if (which.test(r)) {
                        affected.add(r);
                    }
                }
            }
            for (Registration r : affected) {
                List<String> detached = new ArrayList<>(r.names);
                detached.retainAll(selected);
                detach(r, detached);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code names} away from {@code r}; call with the lock held. */
    private void detach(Registration r, List<String> names) {
        Map<String, List<Registration>> map = r.pattern ? patterns : channels;
        List<String> released = new ArrayList<>();
        for (String name : names) {
            r.names.remove(name);
            List<Registration> listeners = map.get(name);
            if (listeners != null && listeners.remove(r) && listeners.isEmpty()) {
                map.remove(name);
                released.add(name);
            }
        }
        if (r.names.isEmpty()) {
            r.active = false;
        }
        if (ready != null && !released.isEmpty()) {
            send(ready, r.pattern, false, released);
        }
    }

    /** Sends (P)(UN)SUBSCRIBE; call with the lock held, which keeps writes to the socket apart. */
    private void send(Receiver handler, boolean pattern, boolean subscribe, Collection<String> names) {
        // an empty list would mean "all" to UNSUBSCRIBE, and is an error to SUBSCRIBE
        if (names.isEmpty()) {
            return;
        }
        String[] array = names.toArray(String[]::new);
        try {
            if (subscribe) {
                handler.subscribe(pattern, array);
            } else {
                handler.unsubscribe(pattern, array);
            }
        } catch (JedisException e) {
            // the connection is failing: its thread sees that too, and subscribes again to what is
            // registered once it has reconnected
            LOG.debug("Redao pub/sub: could not send to " + addressText + ": " + e.getMessage());
        }
    }

    private void startThread() {
        if (thread == null) {
            Thread t = new Thread(this::run, "redao-pubsub " + addressText);
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /** The thread: connect, subscribe, deliver until the connection drops, wait, again. */
    private void run() {
        while (true) {
            Receiver handler = sharded ? new ShardedHandler() : new Handler();
            Jedis connection = null;
            Exception failure = null;
            try {
                connection = new Jedis(address.get(), config);
                prepare(connection);
                lock.lock();
                try {
                    if (closed) {
                        return;
                    }
                    jedis = connection;
                } finally {
                    lock.unlock();
                }
                handler.receive(connection, control); // returns only when every subscription is gone
            } catch (JedisDataException e) {
                // an error reply: Redis refused a SUBSCRIBE (an ACL without the channel) or our login
                failure = e;
                failPending(e);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                close(connection);
            }
            if (!awaitRetry(handler, failure)) {
                return;
            }
        }
    }

    private void prepare(Jedis connection) {
        if (prepare == null) {
            return;
        }
        try {
            prepare.accept(connection);
        } catch (RuntimeException e) {
            LOG.warn("Redao pub/sub: could not prepare the connection to "
                    + connection.getConnection().getHostAndPort() + ": " + e.getMessage());
        }
    }

    /** Waits before the next attempt, unless closed; false when the thread should end. */
    private boolean awaitRetry(Receiver handler, Exception failure) {
        lock.lock();
        try {
            jedis = null;
            boolean wasReady = ready == handler;
            if (wasReady) {
                ready = null;
            }
            if (closed) {
                return false;
            }
            long delay = retryMillis;
            retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
            String why = failure == null ? "the subscription ended" : String.valueOf(failure.getMessage());
            if (wasReady) {
                LOG.warn("Redao pub/sub: lost the connection to " + addressText + " (" + why
                        + "); reconnecting in " + delay + " ms");
            } else if (!recovering) {
                LOG.warn("Redao pub/sub: cannot connect to " + addressText + " (" + why
                        + "); retrying in " + delay + " ms, then at most " + MAX_RETRY_MILLIS + " ms apart");
            } else {
                LOG.debug("Redao pub/sub: still cannot connect to " + addressText + " (" + why
                        + "); retrying in " + delay + " ms");
            }
            recovering = true;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                wake.awaitNanos(left);
            }
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Redis refused something: every subscription it has not confirmed yet fails, and is dropped. */
    private void failPending(JedisDataException e) {
        List<Pending> failed;
        lock.lock();
        try {
            failed = new ArrayList<>(pending);
            pending.clear();
            for (Pending p : failed) {
                detach(p.registration, new ArrayList<>(p.registration.names));
            }
        } finally {
            lock.unlock();
        }
        for (Pending p : failed) {
            p.failure = RedisErrors.command(addressText, e, "the subscription to " + p.registration.originalNames, null);
            p.done.countDown();
        }
    }

    /** A (p)subscribe confirmation, on the thread. */
    private void confirmed(Receiver handler, boolean pattern, String name) {
        String recovered = null;
        lock.lock();
        try {
            if (!pattern && name.equals(control)) {
                // the connection is up: subscribe again to everything that has a listener
                ready = handler;
                retryMillis = FIRST_RETRY_MILLIS;
                send(handler, false, true, channels.keySet());
                send(handler, true, true, patterns.keySet());
                if (recovering) {
                    recovering = false;
                    recovered = "Redao pub/sub: reconnected to " + addressText + "; subscribed again to "
                            + channels.size() + " channel(s) and " + patterns.size() + " pattern(s)";
                }
            } else {
                String key = key(pattern, name);
                for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                    Pending p = it.next();
                    if (p.awaiting.remove(key) && p.awaiting.isEmpty()) {
                        it.remove();
                        p.done.countDown();
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (recovered != null) {
            LOG.info(recovered);
            if (reconnected != null) {
                reconnected.run();
            }
        }
    }

    /** A message, on the thread: each listener of the channel (or pattern) in turn. */
    private void deliver(boolean pattern, String name, String channel, String message) {
        List<Registration> targets;
        lock.lock();
        try {
            List<Registration> listeners = (pattern ? patterns : channels).get(name);
            targets = listeners == null ? List.of() : List.copyOf(listeners);
        } finally {
            lock.unlock();
        }
        for (Registration r : targets) {
            if (!r.active) {
                continue;
            }
            try {
                r.listener.accept(channel, message);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) { // a listener's failure must not end the deliveries to others
                report(channel, message, t);
            }
        }
    }

    /** Tells the error handler that a message was not delivered, or its listener failed on it. */
    void report(String channel, String message, Throwable error) {
        try {
            errorHandler.onError(channel, message, error);
        } catch (RuntimeException e) {
            LOG.warn("Redao pub/sub: the error handler failed", e);
        }
    }

    private static void logDeliveryError(String channel, String message, Throwable error) {
        String shown = message.length() > 200 ? message.substring(0, 200) + "..." : message;
        LOG.warn("Redao pub/sub: a message on channel '" + channel + "' was not delivered: '"
                + shown + "'", error);
    }

    /**
     * Ends every subscription and the thread. Closing the socket ends the thread's blocking read;
     * it is repeated because a connection opened just before may be in the middle of its first
     * command, which reconnects.
     */
    void close() {
        List<Pending> waiting;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (List<Registration> listeners : channels.values()) {
                listeners.forEach(r -> r.active = false);
            }
            for (List<Registration> listeners : patterns.values()) {
                listeners.forEach(r -> r.active = false);
            }
            channels.clear();
            patterns.clear();
            waiting = new ArrayList<>(pending);
            pending.clear();
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        for (Pending p : waiting) {
            p.failure = new IllegalStateException("this PubSub was closed while subscribing");
            p.done.countDown();
        }
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            disconnect();
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
        try {
            while (t.isAlive() && System.nanoTime() < deadline) {
                disconnect();
                t.join(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void disconnect() {
        Jedis current;
        lock.lock();
        try {
            current = jedis;
        } finally {
            lock.unlock();
        }
        if (current != null) {
            try {
                current.disconnect();
            } catch (RuntimeException ignored) {
                // closing a broken socket: nothing left to do
            }
        }
    }

    private static void close(Jedis connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // the connection is gone either way
            }
        }
    }

    private static String key(boolean pattern, String name) {
        return (pattern ? "p:" : "c:") + name;
    }

    /** What receives on the connection of one attempt: a new connection gets a new one. */
    private interface Receiver {
        /** Subscribes the connection to the control channel, then delivers until every subscription is gone. */
        void receive(Jedis connection, String control);

        void subscribe(boolean pattern, String[] names);

        void unsubscribe(boolean pattern, String[] names);
    }

    /** Channels and patterns: SUBSCRIBE and PSUBSCRIBE. */
    private final class Handler extends JedisPubSub implements Receiver {
        @Override
        public void receive(Jedis connection, String control) {
            connection.subscribe(this, control);
        }

        @Override
        public void subscribe(boolean pattern, String[] names) {
            if (pattern) {
                psubscribe(names);
            } else {
                subscribe(names);
            }
        }

        @Override
        public void unsubscribe(boolean pattern, String[] names) {
            if (pattern) {
                punsubscribe(names);
            } else {
                unsubscribe(names);
            }
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            confirmed(this, false, channel);
        }

        @Override
        public void onPSubscribe(String pattern, int subscribedChannels) {
            confirmed(this, true, pattern);
        }

        @Override
        public void onMessage(String channel, String message) {
            if (!channel.equals(control)) {
                deliver(false, channel, channel, message);
            }
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            deliver(true, pattern, channel, message);
        }
    }

    /**
     * Shard channels of one hash slot (Redis 7): SSUBSCRIBE on the node that holds the slot, which
     * alone receives what SPUBLISH sends there. No patterns.
     */
    private final class ShardedHandler extends JedisShardedPubSub implements Receiver {
        @Override
        public void receive(Jedis connection, String control) {
            proceed(connection.getConnection(), control); // SSUBSCRIBE, then deliver
        }

        @Override
        public void subscribe(boolean pattern, String[] names) {
            ssubscribe(names);
        }

        @Override
        public void unsubscribe(boolean pattern, String[] names) {
            sunsubscribe(names);
        }

        @Override
        public void onSSubscribe(String channel, int subscribedChannels) {
            confirmed(this, false, channel);
        }

        @Override
        public void onSMessage(String channel, String message) {
            if (!channel.equals(control)) {
                deliver(false, channel, channel, message);
            }
        }
    }

    /** One listener and the names it listens to; its own handle. */
    final class Registration implements Subscription {
        final boolean pattern;
        final boolean user;
        final List<String> originalNames;
        /** guarded by lock: the names still attached */
        final Set<String> names;
        final BiConsumer<String, String> listener;
        volatile boolean active = true;

        Registration(boolean pattern, boolean user, Collection<String> names, BiConsumer<String, String> listener) {
            this.pattern = pattern;
            this.user = user;
            this.names = new LinkedHashSet<>(names);
            this.originalNames = List.copyOf(this.names);
            this.listener = listener;
        }

        @Override
        public void close() {
            remove(this);
        }
    }

    /** A subscribe call waiting for Redis to confirm each of its names. */
    private static final class Pending {
        final Registration registration;
        final Set<String> awaiting = new HashSet<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile RuntimeException failure;

        Pending(Registration registration) {
            this.registration = registration;
            for (String name : registration.names) {
                awaiting.add(key(registration.pattern, name));
            }
        }
    }
}
