package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.CorruptValueException;
import dev.redao.runtime.IdsExhaustedException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.internal.QueueKeys;
import dev.redao.runtime.queue.Delivery;
import dev.redao.runtime.queue.ReliableQueue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.args.ListDirection;

/** push / take / ack / recoverExpired of {@link ReliableQueue} against a real Redis. */
class ReliableQueueTest extends RedisTestSupport {
    /** Long enough that nothing expires while a test runs. */
    private static final Duration MINUTE = Duration.ofMinutes(1);

    public record Job(String name, int size) {}

    private ReliableQueue<Job> jobs() {
        return store.queue("jobs", Job.class);
    }

    private static <T> Delivery<T> taken(ReliableQueue<T> queue) {
        return queue.take(Duration.ZERO).orElseThrow(() -> new AssertionError("a message should be waiting in " + queue));
    }

    @Test
    void pushTakeAndAckInFifoOrder() {
        ReliableQueue<Job> queue = jobs();
        long a = queue.push(new Job("a", 1));
        long b = queue.push(new Job("b", 2));
        long c = queue.push(new Job("c", 3));
        assertTrue(a < b && b < c, "ids grow: " + a + " " + b + " " + c);
        assertEquals(3, queue.size());

        for (Job expected : List.of(new Job("a", 1), new Job("b", 2), new Job("c", 3))) {
            Delivery<Job> d = taken(queue);
            assertEquals(expected, d.message());
            assertEquals(1, d.deliveryCount());
            assertEquals(1, queue.inFlight());
            assertTrue(queue.ack(d));
            assertEquals(0, queue.inFlight());
        }
        assertEquals(0, queue.size());
        // emptied lists and lease sets vanish; only the id counter remains
        assertEquals(Set.of(base("queue:jobs") + ":ids"), keys());
    }

    @Test
    void keyLayoutWhileAMessageIsInFlight() {
        ReliableQueue<Job> queue = jobs();
        queue.push(new Job("a", 1));
        queue.push(new Job("b", 2));
        Delivery<Job> d = taken(queue);
        String b = base("queue:jobs");
        assertEquals(b, Internals.keys(queue).base());
        assertEquals(Set.of(b + ":ready", b + ":processing", b + ":leases", b + ":ids"), keys());
        assertEquals(List.of("2:1:{\"name\":\"b\",\"size\":2}"), raw(j -> j.lrange(b + ":ready", 0, -1)));
        assertEquals(List.of("1:1:{\"name\":\"a\",\"size\":1}"), raw(j -> j.lrange(b + ":processing", 0, -1)));
        assertEquals(List.of("1:1"), raw(j -> j.zrange(b + ":leases", 0, -1)));
        assertEquals(1, d.id());
    }

    @Test
    void takeTimesOutEmpty() {
        ReliableQueue<Job> queue = jobs();
        assertEquals(Optional.empty(), queue.take(Duration.ZERO));

        long start = System.nanoTime();
        assertEquals(Optional.empty(), queue.take(Duration.ofMillis(300)));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 250 && waited < 5_000, "waited about the timeout: " + waited + " ms");
        assertEquals(Set.of(), keys(), "an empty take writes nothing");
        assertThrows(InvalidArgumentException.class, () -> queue.take(Duration.ofMillis(-1)));
    }

    @Test
    void blockedTakeReturnsAsSoonAsAMessageArrives() throws Exception {
        ReliableQueue<Job> queue = jobs();
        long blockedBefore = blockedClients();
        CompletableFuture<Optional<Delivery<Job>>> consumer = CompletableFuture.supplyAsync(() -> queue.take(Duration.ofSeconds(10)));
        // push only once the consumer really waits inside BLMOVE, so the test shows the wake-up
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (blockedClients() <= blockedBefore) {
            assertTrue(System.nanoTime() < deadline, "the consumer never blocked");
            Thread.onSpinWait();
        }
        long pushed = System.nanoTime();
        queue.push(new Job("late", 7));
        Delivery<Job> d = consumer.get(5, TimeUnit.SECONDS).orElseThrow();
        assertEquals(new Job("late", 7), d.message());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pushed) < 5_000);
        assertTrue(queue.ack(d));
    }

    private long blockedClients() {
        for (String line : raw(j -> j.info("clients")).split("\r?\n")) {
            if (line.startsWith("blocked_clients:")) {
                return Long.parseLong(line.substring("blocked_clients:".length()).strip());
            }
        }
        throw new AssertionError("INFO clients has no blocked_clients");
    }

    @Test
    void aConsumerThatNeverAcksHasItsMessageRedeliveredAfterRecovery() {
        ReliableQueue<Job> queue = jobs();
        long id = queue.push(new Job("x", 1));
        Delivery<Job> crashed = taken(queue); // and dropped: the consumer "died"

        assertEquals(0, queue.recoverExpired(MINUTE), "its lease has not expired yet");
        assertEquals(1, queue.inFlight());
        assertEquals(Optional.empty(), queue.take(Duration.ZERO), "meanwhile no one else gets it");

        assertEquals(1, queue.recoverExpired(Duration.ZERO));
        assertEquals(0, queue.inFlight());
        Delivery<Job> again = taken(queue);
        assertEquals(id, again.id());
        assertEquals(new Job("x", 1), again.message());
        assertEquals(2, again.deliveryCount());

        // the dead consumer's late ack must not remove the new delivery
        assertFalse(queue.ack(crashed));
        assertEquals(1, queue.inFlight());
        assertTrue(queue.ack(again));
        assertEquals(0, queue.inFlight());
        assertEquals(Set.of(base("queue:jobs") + ":ids"), keys());
    }

    @Test
    void anAcknowledgedMessageIsNeverRedelivered() {
        ReliableQueue<Job> queue = jobs();
        queue.push(new Job("x", 1));
        assertTrue(queue.ack(taken(queue)));
        assertEquals(0, queue.recoverExpired(Duration.ZERO));
        assertEquals(Optional.empty(), queue.take(Duration.ZERO));
    }

    @Test
    void recoveredMessagesGoToTheFrontOldestFirst() {
        ReliableQueue<Job> queue = jobs();
        for (String name : List.of("a", "b", "c")) {
            queue.push(new Job(name, 0));
        }
        taken(queue); // a, dropped
        taken(queue); // b, dropped
        queue.push(new Job("d", 0));
        assertEquals(2, queue.recoverExpired(Duration.ZERO));
        for (String expected : List.of("a", "b", "c", "d")) {
            Delivery<Job> d = taken(queue);
            assertEquals(expected, d.message().name());
            assertEquals(expected.equals("a") || expected.equals("b") ? 2 : 1, d.deliveryCount(), expected);
            assertTrue(queue.ack(d));
        }
    }

    @Test
    void aConsumerThatDiesBetweenTheMoveAndItsLeaseLosesNothing() {
        ReliableQueue<Job> queue = jobs();
        queue.push(new Job("x", 1));
        QueueKeys keys = Internals.keys(queue);
        // what take() does before its lease script: the process dies right after this
        raw(j -> j.lmove(keys.ready(), keys.processing(), ListDirection.RIGHT, ListDirection.LEFT));

        assertEquals(0, queue.recoverExpired(Duration.ZERO), "the first pass only starts the clock of an unleased message");
        long leases = raw(j -> j.zcard(keys.leases()));
        assertEquals(1, leases);
        assertEquals(1, queue.recoverExpired(Duration.ZERO), "one pass later it has expired");
        Delivery<Job> d = taken(queue);
        assertEquals(new Job("x", 1), d.message());
        assertEquals(2, d.deliveryCount());
        assertTrue(queue.ack(d));
    }

    @Test
    void identicalPayloadsAreTwoDeliveries() {
        ReliableQueue<Job> queue = jobs();
        long first = queue.push(new Job("same", 1));
        long second = queue.push(new Job("same", 1));
        assertNotEquals(first, second);
        Delivery<Job> d1 = taken(queue);
        Delivery<Job> d2 = taken(queue);
        assertEquals(d1.message(), d2.message());
        assertEquals(List.of(first, second), List.of(d1.id(), d2.id()));

        assertTrue(queue.ack(d1));
        assertEquals(1, queue.inFlight(), "acknowledging one leaves the other in flight");
        assertFalse(queue.ack(d1), "a second ack of the same delivery removes nothing");
        assertEquals(1, queue.inFlight());
        assertEquals(1, queue.recoverExpired(Duration.ZERO), "the unacknowledged twin comes back");
        Delivery<Job> d3 = taken(queue);
        assertEquals(second, d3.id());
        assertTrue(queue.ack(d3));
        assertEquals(Optional.empty(), queue.take(Duration.ZERO));
    }

    @Test
    void messagesSurviveClosingAndReopeningTheStore() {
        ReliableQueue<Job> queue = jobs();
        for (String name : List.of("a", "b", "c")) {
            queue.push(new Job(name, 0));
        }
        assertEquals("a", taken(queue).message().name()); // in flight when the store closes
        store.close();

        store = connect(ns);
        ReliableQueue<Job> reopened = store.queue("jobs", Job.class);
        assertEquals(2, reopened.size());
        assertEquals(1, reopened.inFlight());
        assertEquals(1, reopened.recoverExpired(Duration.ZERO));
        for (String expected : List.of("a", "b", "c")) {
            Delivery<Job> d = taken(reopened);
            assertEquals(expected, d.message().name());
            assertTrue(reopened.ack(d));
        }
        assertEquals(4, reopened.push(new Job("d", 0)), "ids continue after the reopen");
    }

    @Test
    void genericMessageTypes() {
        ReliableQueue<List<Job>> batches = store.queue("batches", new TypeReference<List<Job>>() {});
        batches.push(List.of(new Job("a", 1), new Job("b", 2)));
        assertEquals(List.of(new Job("a", 1), new Job("b", 2)), taken(batches).message());

        ReliableQueue<String> texts = store.queue("texts", String.class);
        texts.push("héllo \"quoted\" :1:2:");
        assertEquals("héllo \"quoted\" :1:2:", taken(texts).message());
    }

    @Test
    void anUndecodableMessageCanStillBeAcknowledged() {
        ReliableQueue<Job> queue = jobs();
        raw(j -> j.lpush(base("queue:jobs") + ":ready", "7:1:{not json"));
        Delivery<Job> d = taken(queue);
        assertEquals(7, d.id());
        CorruptValueException e = assertThrows(CorruptValueException.class, d::message);
        assertEquals(base("queue:jobs") + ":processing", e.key());
        assertEquals("message 7", e.field());
        assertEquals("{not json", e.value());
        assertTrue(queue.ack(d), "acknowledging drops it instead of redelivering it forever");
        assertEquals(0, queue.inFlight());
    }

    @Test
    void elementsPushedByOtherProgramsWithoutAHeader() {
        ReliableQueue<String> queue = store.queue("texts", String.class);
        raw(j -> j.lpush(Internals.keys(queue).base() + ":ready", "\"plain\""));
        Delivery<String> d = taken(queue);
        assertEquals("plain", d.message());
        assertEquals(0, d.id());
        assertEquals(0, d.deliveryCount());
        assertEquals(1, queue.recoverExpired(Duration.ZERO), "its lease is the whole element");
        Delivery<String> again = taken(queue);
        assertEquals("plain", again.message());
        assertTrue(queue.ack(again));
        assertEquals(0, queue.inFlight());
    }

    @Test
    void aWrongTypedKeyIsCorruptData() {
        ReliableQueue<Job> queue = jobs();
        queue.push(new Job("x", 1));
        String b = base("queue:jobs");
        raw(j -> j.set(b + ":processing", "not a list"));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> queue.take(Duration.ofMillis(100)));
        assertTrue(e.getMessage().contains("'" + b + ":ready' or '" + b + ":processing'"), e.getMessage());
        assertEquals(1, queue.size(), "the message is still waiting");

        // scripts check the keys they write before their first write: nothing is half done
        raw(j -> j.del(b + ":processing"));
        Delivery<Job> held = taken(queue);
        raw(j -> j.set(b + ":ready", "not a list"));
        var before = snapshot();
        e = assertThrows(CorruptDataException.class, () -> queue.push(new Job("y", 2)));
        assertEquals(b + ":ready holds a string where a list belongs (found by queue.push; nothing was written)", e.getMessage());
        e = assertThrows(CorruptDataException.class, () -> queue.recoverExpired(Duration.ZERO));
        assertTrue(e.getMessage().endsWith("(found by queue.recover; nothing was written)"), e.getMessage());
        assertUnchanged(before);

        raw(j -> j.del(b + ":ready"));
        raw(j -> j.set(b + ":leases", "not a sorted set"));
        before = snapshot();
        e = assertThrows(CorruptDataException.class, () -> queue.ack(held));
        assertTrue(e.getMessage().endsWith("(found by queue.ack; nothing was written)"), e.getMessage());
        assertUnchanged(before);
    }

    /** The queue's id counter: one that holds no integer is corrupt; one at the largest long has no more ids. */
    @Test
    void aCounterWithoutAnIntegerIsCorruptAndOneAtTheLargestLongHasNoMoreIds() {
        ReliableQueue<Job> queue = jobs();
        String counter = base("queue:jobs") + ":ids";
        raw(j -> j.set(counter, "abc"));
        var before = snapshot();
        CorruptDataException corrupt = assertThrows(CorruptDataException.class, () -> queue.push(new Job("x", 1)));
        assertTrue(corrupt.getMessage().contains(counter) && corrupt.getMessage().contains("nothing was written"),
                corrupt.getMessage());
        assertUnchanged(before);
        raw(j -> j.set(counter, Long.toString(Long.MAX_VALUE)));
        before = snapshot();
        IdsExhaustedException exhausted = assertThrows(IdsExhaustedException.class, () -> queue.push(new Job("x", 1)));
        assertTrue(exhausted.getMessage().contains(counter), exhausted.getMessage());
        assertTrue(exhausted.reason().contains("overflow"), exhausted.reason());
        assertUnchanged(before);
    }

    @Test
    void misuseIsRefused() {
        ReliableQueue<Job> queue = jobs();
        ReliableQueue<Job> other = store.queue("other", Job.class);
        other.push(new Job("x", 1));
        Delivery<Job> foreign = taken(other);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> queue.ack(foreign));
        assertTrue(e.getMessage().contains(base("queue:other")), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> store.queue("a{b}", Job.class));
        assertThrows(InvalidArgumentException.class, () -> store.queue("", Job.class));
        assertThrows(InvalidArgumentException.class, () -> queue.push(null));
        assertThrows(InvalidArgumentException.class, () -> queue.recoverExpired(Duration.ofMillis(-1)));
        assertEquals(1, other.inFlight(), "nothing of the refused calls touched the other queue");
    }
}
