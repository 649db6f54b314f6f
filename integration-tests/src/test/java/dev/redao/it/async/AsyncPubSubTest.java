package dev.redao.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.runtime.messaging.PubSub;
import dev.redao.runtime.messaging.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous publish/subscribe (docs/async.md): listeners that return a stage get a
 * subscription's messages one at a time, in order, each once the last one's stage completed; a
 * publish returns a future of its count.
 */
class AsyncPubSubTest extends RedisTestSupport {
    private static final long WAIT_SECONDS = 30;

    /** A message of the typed subscription. */
    public record Order(String id, int lines) {}

    @Test
    void anAsyncListenerGetsTheMessagesOneAtATimeInOrderEachAfterTheLastOnesStageCompleted() throws Exception {
        PubSub pubSub = store.pubSub();
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(50);
        Executor later = CompletableFuture.delayedExecutor(2, TimeUnit.MILLISECONDS);
        try (Subscription s = pubSub.subscribeAsync((channel, message) -> {
            mostAtOnce.accumulateAndGet(busy.incrementAndGet(), Math::max);
            return CompletableFuture.runAsync(() -> {
                handled.add(channel + ":" + message);
                busy.decrementAndGet();
                all.countDown();
            }, later);
        }, "jobs")) {
            for (int i = 0; i < 50; i++) {
                assertEquals(1L, store.async().publish("jobs", "m" + i).get(WAIT_SECONDS, TimeUnit.SECONDS),
                        "the store's one subscriber connection received it");
            }
            assertTrue(all.await(WAIT_SECONDS, TimeUnit.SECONDS), "every message was handled: " + handled.size());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("jobs:m" + i);
        }
        assertEquals(expected, handled);
        assertEquals(1, mostAtOnce.get(), "one message at a time");
    }

    @Test
    void aFailedStageGoesToTheErrorHandlerAndTheNextMessageIsDelivered() throws Exception {
        PubSub pubSub = store.pubSub();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        // two orders handled and two errors reported
        CountDownLatch done = new CountDownLatch(4);
        pubSub.onError((channel, message, error) -> {
            errors.add(message + ":" + error.getMessage());
            done.countDown();
        });
        List<Order> orders = Collections.synchronizedList(new ArrayList<>());
        try (Subscription s = pubSub.subscribeAsync(Order.class, (channel, order) -> {
            if (order.lines() == 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("an order without lines"));
            }
            orders.add(order);
            done.countDown();
            return CompletableFuture.completedFuture(null);
        }, "orders")) {
            store.async().publish("orders", new Order("a", 2)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            store.async().publish("orders", new Order("b", 0)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            store.async().publish("orders", "not json").get(WAIT_SECONDS, TimeUnit.SECONDS);
            store.async().publish("orders", new Order("c", 1)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS), "orders " + orders + ", errors " + errors);
        } finally {
            pubSub.onError(null);
        }
        assertEquals(List.of(new Order("a", 2), new Order("c", 1)), orders);
        assertTrue(errors.get(0).contains("an order without lines"), errors.toString());
        assertTrue(errors.get(1).startsWith("not json:") && errors.get(1).contains("is not a JSON"), errors.toString());
    }
}
