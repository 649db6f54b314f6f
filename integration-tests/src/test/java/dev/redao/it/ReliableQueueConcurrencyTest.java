package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.queue.Delivery;
import dev.redao.runtime.queue.ReliableQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many producers and consumers on one queue, some consumers dying mid-message: nothing is lost or doubled. */
class ReliableQueueConcurrencyTest extends RedisTestSupport {
    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 4;
    private static final int PER_PRODUCER = 400;
    private static final int TOTAL = PRODUCERS * PER_PRODUCER;

    public record Message(int producer, int seq) {}

    @Test
    void everyMessageIsDeliveredExactlyOnceWhenEveryConsumerAcks() throws Exception {
        ReliableQueue<Message> queue = store.queue("work", Message.class);
        Map<Message, Integer> received = new ConcurrentHashMap<>();
        AtomicInteger acked = new AtomicInteger();
        run(producers(queue), consumers(queue, TOTAL, received, acked, 0));

        assertEquals(TOTAL, received.size(), "every message arrived");
        received.forEach((m, times) -> assertEquals(1, times, m + " arrived " + times + " times"));
        assertEquals(TOTAL, acked.get());
        assertEquals(0, queue.size());
        assertEquals(0, queue.inFlight());
        assertEquals(0, queue.recoverExpired(Duration.ZERO), "nothing is left to redeliver");
    }

    @Test
    void messagesOfConsumersThatDieAreRedeliveredAndNoneIsLost() throws Exception {
        ReliableQueue<Message> queue = store.queue("work", Message.class);
        Map<Message, Integer> received = new ConcurrentHashMap<>();
        AtomicInteger acked = new AtomicInteger();
        // every 10th delivery is dropped without an ack, as by a consumer that died holding it
        run(producers(queue), consumers(queue, TOTAL, received, acked, 10));

        int dropped = TOTAL - acked.get();
        assertTrue(dropped > 0, "some deliveries were dropped");
        assertEquals(dropped, queue.inFlight(), "each dropped delivery waits in processing");
        assertEquals(dropped, queue.recoverExpired(Duration.ZERO));
        assertEquals(0, queue.inFlight());

        // survivors drain the redeliveries
        run(List.of(), consumers(queue, dropped, received, acked, 0));
        assertEquals(TOTAL, received.size(), "every message arrived");
        assertEquals(TOTAL, acked.get(), "every message was acknowledged exactly once");
        assertEquals(0, queue.size());
        assertEquals(0, queue.inFlight());
    }

    private static List<Callable<Void>> producers(ReliableQueue<Message> queue) {
        List<Callable<Void>> out = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            out.add(() -> {
                for (int i = 0; i < PER_PRODUCER; i++) {
                    queue.push(new Message(producer, i));
                }
                return null;
            });
        }
        return out;
    }

    /**
     * Consumers that take until {@code deliveries} messages were taken between them; the short take
     * timeout lets an idle one notice the end without being interrupted.
     */
    private static List<Callable<Void>> consumers(ReliableQueue<Message> queue, int deliveries,
            Map<Message, Integer> received, AtomicInteger acked, int dropEvery) {
        AtomicInteger taken = new AtomicInteger();
        List<Callable<Void>> out = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            out.add(() -> {
                while (taken.get() < deliveries && !Thread.currentThread().isInterrupted()) {
                    Delivery<Message> d = queue.take(Duration.ofMillis(50)).orElse(null);
                    if (d == null) {
                        continue;
                    }
                    int n = taken.incrementAndGet();
                    received.merge(d.message(), 1, Integer::sum);
                    if (dropEvery > 0 && n % dropEvery == 0) {
                        continue; // died: no ack
                    }
                    if (!queue.ack(d)) {
                        throw new AssertionError("ack of " + d + " found nothing");
                    }
                    acked.incrementAndGet();
                }
                return null;
            });
        }
        return out;
    }

    private static void run(List<Callable<Void>> producers, List<Callable<Void>> consumers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(producers.size() + consumers.size());
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : producers) {
                futures.add(pool.submit(task));
            }
            for (Callable<Void> task : consumers) {
                futures.add(pool.submit(task));
            }
            for (Future<Void> f : futures) {
                f.get(30, TimeUnit.SECONDS); // rethrows a consumer's assertion
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
