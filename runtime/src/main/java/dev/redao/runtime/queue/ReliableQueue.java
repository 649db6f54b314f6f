package dev.redao.runtime.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.CorruptValueException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.QueueKeys;
import dev.redao.runtime.internal.SharedSecrets;
import dev.redao.runtime.internal.StoreConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.args.ListDirection;

/**
 * A reliable 1:1 handoff (Zato's {@code invoke_async}): each message pushed is delivered to one
 * consumer, and stays in Redis until that consumer acknowledges it. A consumer that dies between
 * {@link #take(Duration)} and {@link #ack(Delivery)} loses nothing: {@link #recoverExpired(Duration)}
 * gives its messages back to be delivered again. Delivery is therefore at least once; make the work
 * idempotent, or use {@link Delivery#deliveryCount()} to notice a repeat.
 *
 * <p>Messages are JSON, written and read by the store's Jackson mapper; the queue's keys share the
 * hash tag <code>{&lt;namespace&gt;:queue:&lt;name&gt;}</code>. Obtain one with
 * {@link RedisStore#queue(String, Class)}. Thread-safe; any number of producers and
 * consumers, in any number of processes, may share a queue by its name.
 *
 * @param <T> the message type
 */
public final class ReliableQueue<T> {
    static {
        // the store makes its queues through this
        SharedSecrets.setQueueAccess(new QueueAccessor());
    }

    private final StoreConnection store;
    private final String name;
    private final QueueKeys keys;
    private final JavaType type;

    ReliableQueue(StoreConnection store, String name, JavaType type) {
        Arguments.requireNonNull(type, "type", "queue");
        this.store = store;
        this.name = name;
        this.keys = new QueueKeys(store.namespace(), name);
        this.type = type;
    }

    /** {@return the queue's name, as given to {@link dev.redao.runtime.RedisStore#queue(String, Class)}} */
    public String name() {
        return name;
    }

    QueueKeys keys() {
        return keys;
    }

    /**
     * Queues a message behind those already waiting (one script: the id and the element together).
     *
     * @param message the message; never null
     * @return the message's id, unique within the queue
     * @throws InvalidArgumentException if the message is null or cannot be encoded as JSON; nothing is sent
     */
    public long push(T message) {
        Arguments.requireNonNull(message, "message", "push on queue '" + name + "'");
        byte[] body;
        try {
            body = store.json().write(message);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("message", "push on queue '" + name + "': cannot encode the message as JSON: "
                    + e.getOriginalMessage());
        }
        return (Long) store.eval(QueueScripts.PUSH, List.of(keys.ready(), keys.counter()), List.of(body));
    }

    /**
     * Takes the oldest waiting message, waiting up to {@code timeout} for one to arrive, and moves
     * it to the processing list in the same command (BLMOVE), then starts its lease. The message
     * counts as delivered until it is acknowledged or recovered.
     *
     * <p>A blocked call holds one of the store's pooled connections and cannot be interrupted: size
     * the pool ({@code pool=} in the URL) above the number of consumers, and prefer short timeouts
     * in a loop. If the call fails after the move (the connection drops, or the lease script
     * fails), the message stays in processing without a lease and recovery treats it as expired
     * one pass later: nothing is lost.
     *
     * @param timeout how long to wait; zero does not wait. Redis counts it with 1 ms resolution.
     * @return the delivery, or empty if no message arrived in time
     */
    public Optional<Delivery<T>> take(Duration timeout) {
        if (Arguments.requireNonNull(timeout, "timeout", "take on queue '" + name + "'").isNegative()) {
            throw new InvalidArgumentException("timeout", "take on queue '" + name + "': a negative timeout: " + timeout);
        }
        long millis = timeout.toMillis();
        // BLMOVE with timeout 0 would wait forever; zero here means "do not wait" (LMOVE)
        byte[] raw = store.execute(jedis -> millis == 0
                        ? jedis.lmove(keys.ready(), keys.processing(), ListDirection.RIGHT, ListDirection.LEFT)
                        : jedis.blmove(keys.ready(), keys.processing(), ListDirection.RIGHT, ListDirection.LEFT, millis / 1000.0),
                "the take of queue '" + name + "'",
                // the reply does not say which of the two lists is wrong, so name both
                reason -> new CorruptDataException("key '" + keys.base() + ":ready' or '" + keys.base()
                        + ":processing' holds the wrong type of value: " + reason));
        if (raw == null) {
            return Optional.empty();
        }
        QueueElement element = QueueElement.parse(raw);
        store.eval(QueueScripts.LEASE, List.of(keys.leases()), List.of(element.handle()));
        return Optional.of(decode(element));
    }

    private Delivery<T> decode(QueueElement element) {
        byte[] body = element.body();
        try {
            return new Delivery<>(keys.base(), element, store.json().read(body, type), null);
        } catch (Exception e) {
            String text = new String(body, StandardCharsets.UTF_8);
            String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
            return new Delivery<>(keys.base(), element, null, new CorruptValueException(
                    keys.base() + ":processing", "message " + element.id(), shown, e));
        }
    }

    /**
     * Acknowledges a delivery: removes the message from the processing list and its lease, in one
     * script. After this the message is never delivered again.
     *
     * @param delivery what {@code take} returned
     * @return false if the delivery had already expired and been given back by
     *     {@link #recoverExpired(Duration)} (the message is, or will be, delivered again), or was
     *     acknowledged before
     * @throws InvalidArgumentException if the delivery came from another queue
     */
    public boolean ack(Delivery<T> delivery) {
        if (!Arguments.requireNonNull(delivery, "delivery", "ack on queue '" + name + "'").queue().equals(keys.base())) {
            throw new InvalidArgumentException("delivery", "ack: " + delivery + " does not come from queue " + keys.base());
        }
        QueueElement element = delivery.element();
        Object removed = store.eval(QueueScripts.ACK, List.of(keys.processing(), keys.leases()),
                List.of(element.raw(), element.handle()));
        return (Long) removed > 0;
    }

    /**
     * Gives back, in one script, every delivery not acknowledged within {@code visibility} of its
     * start (by the server's clock): each goes to the front of the waiting line, oldest first, with
     * its delivery count raised. Call it periodically (for example every visibility / 2) from one
     * or more processes; concurrent calls are safe. A delivery whose consumer stopped between the
     * move and the lease is given a lease by the first pass that sees it, so it comes back one pass
     * later than the others.
     *
     * @param visibility how long a consumer may hold a message before it is presumed dead;
     *     choose it above the longest processing time, or work will be done twice
     * @return how many messages were given back
     */
    public long recoverExpired(Duration visibility) {
        if (Arguments.requireNonNull(visibility, "visibility", "recoverExpired on queue '" + name + "'").isNegative()) {
            throw new InvalidArgumentException("visibility", "recoverExpired on queue '" + name + "': a negative visibility: "
                    + visibility);
        }
        byte[] millis = Long.toString(visibility.toMillis()).getBytes(StandardCharsets.US_ASCII);
        return (Long) store.eval(QueueScripts.RECOVER,
                List.of(keys.ready(), keys.processing(), keys.leases()), List.of(millis));
    }

    /** {@return how many messages wait to be taken} */
    public long size() {
        return store.execute(jedis -> jedis.llen(keys.ready()), keys.ready());
    }

    /** {@return how many messages have been taken and are neither acknowledged nor given back yet} */
    public long inFlight() {
        return store.execute(jedis -> jedis.llen(keys.processing()), keys.processing());
    }

    @Override
    public String toString() {
        return "ReliableQueue[" + keys.base() + "]";
    }
}
