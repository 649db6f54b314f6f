package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.redao.it.model.Stock;
import dev.redao.it.model.StockDao;
import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.messaging.PubSub;
import dev.redao.runtime.messaging.Subscription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publish and subscribe through {@code store.pubSub()}: names in the namespace, text and JSON, unsubscribing, errors. */
class PubSubTest extends RedisTestSupport {
    public record Order(String id, int quantity, List<String> tags) {}

    private PubSub pubSub;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void openPubSub() {
        pubSub = store.pubSub();
    }

    /** The next message a listener recorded, waiting up to 10 s. */
    private String next() throws InterruptedException {
        String m = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(m, "no message within 10 s");
        return m;
    }

    private long subscribers(String redisChannel) {
        return sumOverServers(jedis -> jedis.pubsubNumSub(redisChannel).getOrDefault(redisChannel, 0L));
    }

    @Test
    void theStoreHasOnePubSub() {
        assertSame(pubSub, store.pubSub());
    }

    @Test
    void aSubscriberGetsTextMessagesAndPublishCountsReceivers() throws InterruptedException {
        assertEquals(0, pubSub.publish("orders", "before anyone listens"));
        pubSub.subscribe((channel, message) -> received.add(channel + "=" + message), "orders");
        assertEquals(1, pubSub.publish("orders", "hello"));
        assertEquals(1, pubSub.publish("orders", "wörld ✓"));
        assertEquals("orders=hello", next());
        assertEquals("orders=wörld ✓", next());
    }

    @Test
    void channelsAreInTheNamespace() throws InterruptedException {
        pubSub.subscribe((channel, message) -> received.add(channel + "=" + message), "orders");
        assertEquals(1, subscribers(nsKey("orders")), "Redis knows the channel as <namespace>:orders");
        assertEquals(0, subscribers("orders"));

        assertEquals(0L, rawPublish("orders", "outside the namespace"));
        String otherNs = newNamespace();
        try (RedisStore other = connect(otherNs)) {
            assertEquals(0, other.pubSub().publish("orders", "from another namespace"));
        }
        assertEquals(1L, rawPublish(nsKey("orders"), "raw, in the namespace"));
        assertEquals("orders=raw, in the namespace", next(), "the listener gets the name without the namespace");
    }

    @Test
    void patternsMatchWithinTheNamespace() throws InterruptedException {
        pubSub.psubscribe((channel, message) -> received.add(channel + "=" + message), "ord*");
        assertEquals(0L, rawPublish("orders", "outside"));
        assertEquals(1, pubSub.publish("orders", "a"));
        assertEquals(1, pubSub.publish("ordinal", "b"));
        assertEquals(0, pubSub.publish("invoices", "c"));
        assertEquals("orders=a", next());
        assertEquals("ordinal=b", next());
    }

    /** A '*' in a namespace would match other namespaces' channels: such a namespace is refused. */
    @Test
    void aNamespaceWithGlobCharactersIsRefused() {
        assertThrows(ConfigurationException.class, () -> RedisStore.connect(TestServers.url() + "?namespace=st*r" + ns));
    }

    /** Names follow the rule of key names: a leading hash tag gets the namespace inside it, so a model's events channel can be named. */
    @Test
    void hashTaggedNamesGetTheNamespaceInsideTheBraces() throws InterruptedException {
        pubSub.subscribe((channel, message) -> received.add(channel + "=" + message), "{stock}:events");
        pubSub.psubscribe((channel, message) -> received.add("pattern " + channel + "=" + message), "{*}:events");
        assertEquals(1, subscribers(nsKey("{stock}:events")));
        String payload;
        if (Internals.shardedEvents(store)) {
            // a Redis 7 cluster sends change events as shard messages, which only the DAO's
            // subscribe receives (ChangeEventTest): here the name is what is checked
            payload = "{\"op\":\"saved\",\"id\":\"1\",\"fields\":[]}";
            pubSub.publish("{stock}:events", payload);
        } else {
            Stock s = new StockDao(store).save(new Stock(null, "A", "north", 1, null));
            payload = "{\"op\":\"saved\",\"id\":\"" + s.id() + "\",\"fields\":[\"sku\",\"warehouse\",\"quantity\"]}";
        }
        assertEquals("{stock}:events=" + payload, next());
        assertEquals("pattern {stock}:events=" + payload, next());
        assertEquals(0L, rawPublish(nsKey("other" + ns, "{stock}:events"), "another namespace"));
    }

    @Test
    void typedMessagesTravelAsJson() throws InterruptedException {
        BlockingQueue<Order> orders = new LinkedBlockingQueue<>();
        BlockingQueue<List<Order>> batches = new LinkedBlockingQueue<>();
        pubSub.subscribe(Order.class, (channel, order) -> orders.add(order), "orders");
        pubSub.subscribe(new TypeReference<List<Order>>() {}, (channel, batch) -> batches.add(batch), "batches");
        pubSub.subscribe((channel, text) -> received.add(text), "orders");

        Order order = new Order("o-1", 3, List.of("gift", "express"));
        assertEquals(1, pubSub.publish("orders", (Object) order), "one connection, whatever the number of its listeners");
        assertEquals(order, orders.poll(10, TimeUnit.SECONDS));
        assertEquals("{\"id\":\"o-1\",\"quantity\":3,\"tags\":[\"gift\",\"express\"]}", next());

        List<Order> batch = List.of(order, new Order("o-2", 1, List.of()));
        assertEquals(1, pubSub.publish("batches", batch));
        assertEquals(batch, batches.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aMessageThatDoesNotDecodeGoesToTheErrorHandlerAndDeliveryGoesOn() throws InterruptedException {
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        BlockingQueue<Throwable> causes = new LinkedBlockingQueue<>();
        pubSub.onError((channel, message, error) -> {
            errors.add(channel + "=" + message);
            causes.add(error);
        });
        BlockingQueue<Order> orders = new LinkedBlockingQueue<>();
        pubSub.subscribe(Order.class, (channel, order) -> orders.add(order), "orders");

        assertEquals(1, pubSub.publish("orders", "not json"));
        assertEquals(1, pubSub.publish("orders", new Order("o-1", 1, List.of())));
        assertEquals(nsKey("orders") + "=not json", errors.poll(10, TimeUnit.SECONDS));
        Throwable cause = causes.poll(10, TimeUnit.SECONDS);
        assertInstanceOf(RedaoException.class, cause);
        assertTrue(cause.getMessage().contains("is not a JSON " + Order.class.getName()), cause.getMessage());
        assertEquals(new Order("o-1", 1, List.of()), orders.poll(10, TimeUnit.SECONDS), "the thread delivers the next message");
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() throws InterruptedException {
        BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
        pubSub.onError((channel, message, error) -> errors.add(error));
        pubSub.subscribe((channel, message) -> {
            throw new IllegalStateException("listener bug on " + message);
        }, "orders");
        pubSub.subscribe((channel, message) -> received.add(message), "orders");

        assertEquals(1, pubSub.publish("orders", "one"));
        assertEquals(1, pubSub.publish("orders", "two"));
        assertEquals("one", next());
        assertEquals("two", next());
        assertEquals("listener bug on one", errors.poll(10, TimeUnit.SECONDS).getMessage());
        assertEquals("listener bug on two", errors.poll(10, TimeUnit.SECONDS).getMessage());
    }

    @Test
    void closingASubscriptionStopsOnlyThatListener() throws InterruptedException {
        Subscription first = pubSub.subscribe((channel, message) -> received.add("first " + message), "orders");
        pubSub.subscribe((channel, message) -> received.add("second " + message), "orders");
        first.close();
        first.close();
        assertEquals(1, pubSub.publish("orders", "x"), "Redis still has the channel for the second listener");
        assertEquals("second x", next());
    }

    @Test
    void redisUnsubscribesWhenTheLastListenerOfAChannelGoes() {
        Subscription s = pubSub.subscribe((channel, message) -> received.add(message), "orders", "invoices");
        assertEquals(1, subscribers(nsKey("orders")));
        s.close();
        // UNSUBSCRIBE is sent without waiting for the reply; publish from another connection until it took effect
        assertEquals(0, publishUntil(0, "orders", "gone"));
        assertEquals(0, publishUntil(0, "invoices", "gone"));
        assertTrue(received.isEmpty(), "nothing delivered after close: " + received);
    }

    @Test
    void unsubscribeByNameAndAll() throws InterruptedException {
        pubSub.subscribe((channel, message) -> received.add(channel + "=" + message), "a", "b", "c");
        pubSub.psubscribe((channel, message) -> received.add("pattern " + channel + "=" + message), "p*");
        pubSub.unsubscribe("a");
        assertEquals(0, publishUntil(0, "a", "1"));
        assertEquals(1, pubSub.publish("b", "2"));
        assertEquals("b=2", next());

        pubSub.unsubscribe();
        assertEquals(0, publishUntil(0, "c", "3"));
        assertEquals(1, pubSub.publish("p1", "4"), "patterns are left to punsubscribe");
        assertEquals("pattern p1=4", next());

        pubSub.punsubscribe("p*");
        assertEquals(0, publishUntil(0, "p1", "5"));
        assertTrue(received.isEmpty(), "delivered after unsubscribing: " + received);
    }

    @Test
    void closeEndsEverySubscriptionButNotPublishing() {
        pubSub.subscribe((channel, message) -> received.add(message), "orders");
        pubSub.close();
        assertEquals(0, publishUntil(0, "orders", "after close"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> pubSub.subscribe((channel, message) -> received.add(message), "orders"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(received.isEmpty());
    }

    @Test
    void badArgumentsFailBeforeAnythingIsSent() {
        assertThrows(InvalidArgumentException.class, () -> pubSub.subscribe((channel, message) -> {}));
        assertThrows(InvalidArgumentException.class, () -> pubSub.psubscribe((channel, message) -> {}));
        assertThrows(InvalidArgumentException.class, () -> pubSub.publish("orders", (String) null));
        assertThrows(InvalidArgumentException.class, () -> pubSub.subscribe((channel, message) -> {}, "a", null));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> pubSub.publish("orders", new Object()));
        assertTrue(e.getMessage().contains("cannot encode a java.lang.Object as JSON"), e.getMessage());
    }

    @Test
    void subscribingFromAListenerWorks() throws InterruptedException {
        pubSub.subscribe((channel, message) -> {
            pubSub.subscribe((c, m) -> received.add(c + "=" + m), message);
            received.add("subscribed to " + message);
        }, "control");
        assertEquals(1, pubSub.publish("control", "news"));
        assertEquals("subscribed to news", next());
        assertEquals(1, publishUntil(1, "news", "flash"));
        assertEquals("news=flash", next());
    }

    /**
     * Publishes until Redis reports {@code expected} receivers, for at most 10 s: (un)subscribing
     * that does not wait for Redis's reply takes effect a moment later, seen from another connection.
     */
    private long publishUntil(long expected, String channel, String message) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long n;
        do {
            n = pubSub.publish(channel, message);
        } while (n != expected && System.nanoTime() < deadline);
        return n;
    }
}
