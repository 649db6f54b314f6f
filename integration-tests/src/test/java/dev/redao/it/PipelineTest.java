package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.messaging.Subscription;
import dev.redao.runtime.tools.Pipeline;
import dev.redao.runtime.tools.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;

/** {@code store.pipeline()}: many independent commands in one round trip, in the store's namespace. */
class PipelineTest extends RedisTestSupport {

    /** An INFO field summed over the servers that hold data. */
    private long stat(String field) {
        return store.serverInfo().servers().values().stream().mapToLong(s -> Long.parseLong(s.raw().get(field))).sum();
    }

    /** Zato's example: 30 keys created, then deleted in one batch. */
    @Test
    void thirtyKeysDeletedInOneRoundTrip() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            names.add("zato:" + i);
        }
        try (Pipeline p = store.pipeline()) {
            names.forEach(n -> p.set(n, "v"));
            p.sync();
        }
        for (String n : names) {
            assertEquals("v", raw(jedis -> jedis.get(nsKey(n))), n + " is in the namespace");
        }
        // the same names outside the namespace: bare, and in another namespace
        String other = newNamespace();
        raw(jedis -> jedis.set("zato:0", "outside"));
        raw(jedis -> jedis.set(nsKey(other, "zato:1"), "outside"));
        try {
            Map<String, Long> before = commandCalls(); // first: its connections may be new
            long connectionsBefore = stat("total_connections_received");
            List<Reply<Long>> replies = new ArrayList<>();
            try (Pipeline p = store.pipeline()) {
                names.forEach(n -> replies.add(p.del(n)));
                assertEquals(30, p.queued());

                // queuing sent nothing: Redis has run no DEL, and every key is still there
                Map<String, Long> queuedOnly = commandCalls();
                assertEquals(before.getOrDefault("del", 0L), queuedOnly.getOrDefault("del", 0L));
                assertEquals(30L, (long) raw(jedis -> jedis.exists(names.stream().map(n -> nsKey(n)).toArray(String[]::new))));

                p.sync(); // the one round trip
                assertEquals(0, p.queued());
            }
            Map<String, Long> after = commandCalls();
            assertEquals(30L, after.get("del") - before.getOrDefault("del", 0L), "30 DELs, all sent by the one sync()");
            assertEquals(connectionsBefore, stat("total_connections_received"),
                    "the sync ran on a pooled connection: no new one was opened");
            replies.forEach(r -> assertEquals(1L, r.get()));
            assertEquals(0L, (long) raw(jedis -> jedis.exists(names.stream().map(n -> nsKey(n)).toArray(String[]::new))));
            assertEquals(Set.of(), keys(), "the namespace is empty");
            assertEquals("outside", raw(jedis -> jedis.get("zato:0")), "a bare key of the same name is untouched");
            assertEquals("outside", raw(jedis -> jedis.get(nsKey(other, "zato:1"))), "another namespace is untouched");
        } finally {
            raw(jedis -> jedis.del("zato:0", nsKey(other, "zato:1")));
        }
    }

    @Test
    void delOfManyKeysInOneCommand() {
        // one hash tag: a cluster pipeline sends a command only on keys of one slot
        raw(jedis -> jedis.set(nsKey("{k}a"), "1"));
        raw(jedis -> jedis.set(nsKey("{k}b"), "2"));
        try (Pipeline p = store.pipeline()) {
            Reply<Long> exists = p.exists("{k}a", "{k}b", "{k}c");
            Reply<Long> deleted = p.del("{k}a", "{k}b", "{k}c");
            Reply<Long> unlinked = p.unlink("{k}a");
            p.sync();
            assertEquals(2L, exists.get());
            assertEquals(2L, deleted.get());
            assertEquals(0L, unlinked.get());
        }
        assertEquals(Set.of(), keys());
    }

    @Test
    void keysOfSeveralSlotsInOneCommandAreRefusedOnAClusterAtQueueTime() {
        raw(jedis -> jedis.set(nsKey("a"), "1"));
        try (Pipeline p = store.pipeline()) {
            if (onACluster()) {
                CrossSlotException e = assertThrows(CrossSlotException.class, () -> p.del("a", "b", "c"));
                assertTrue(e.getMessage().contains(nsKey("a")) && e.getMessage().contains("hash tag"), e.getMessage());
                assertEquals(0, p.queued(), "nothing was queued");
            } else {
                Reply<Long> deleted = p.del("a", "b", "c");
                p.sync();
                assertEquals(1L, deleted.get());
            }
        }
    }

    @Test
    void readingAReplyBeforeSyncThrows() {
        try (Pipeline p = store.pipeline()) {
            Reply<Long> visits = p.incr("visits");
            assertFalse(visits.isDone());
            IllegalStateException e = assertThrows(IllegalStateException.class, visits::get);
            assertTrue(e.getMessage().contains("sync()") && e.getMessage().contains("INCR")
                    && e.getMessage().contains(nsKey("visits")), e.getMessage());
            assertFalse(exists(nsKey("visits")), "nothing is sent before sync()");
            p.sync();
            assertTrue(visits.isDone());
            assertEquals(1L, visits.get());
            // a pipeline can be used again: each sync sends what was queued since the last
            Reply<Long> again = p.incr("visits");
            assertThrows(IllegalStateException.class, again::get);
            p.sync();
            assertEquals(2L, again.get());
            assertEquals(1L, visits.get(), "earlier replies keep their value");
        }
    }

    @Test
    void closeWithoutSyncDiscards() {
        Reply<Void> set;
        Pipeline p = store.pipeline();
        set = p.set("never", "sent");
        p.close();
        p.close(); // idempotent
        assertFalse(exists(nsKey("never")));
        IllegalStateException e = assertThrows(IllegalStateException.class, set::get);
        assertTrue(e.getMessage().contains("closed without sync()") && e.getMessage().contains(nsKey("never")), e.getMessage());
        assertThrows(IllegalStateException.class, () -> p.incr("x"));
        assertThrows(IllegalStateException.class, p::sync);
        assertEquals(Set.of(), keys());
    }

    @Test
    void aWrongTypeInTheMiddleFailsOnlyItsOwnReply() {
        raw(jedis -> jedis.sadd(nsKey("tags"), "red"));
        try (Pipeline p = store.pipeline()) {
            Reply<Void> first = p.set("first", "1");
            Reply<Long> wrong = p.incr("tags");
            Reply<Long> counter = p.incrBy("counter", 5);
            Reply<Long> pushed = p.rpush("list", "x");
            p.sync(); // succeeds although one command failed
            assertNull(first.get());
            assertEquals(5L, counter.get());
            assertEquals(1L, pushed.get());
            assertTrue(wrong.isDone());
            RedaoException e = assertThrows(RedaoException.class, wrong::get);
            assertFalse(e instanceof RedaoConnectionException);
            assertTrue(e.getMessage().contains("INCR") && e.getMessage().contains("'" + nsKey("tags") + "'")
                    && e.getMessage().contains("WRONGTYPE"), e.getMessage());
        }
        assertEquals("1", raw(jedis -> jedis.get(nsKey("first"))));
        assertEquals("5", raw(jedis -> jedis.get(nsKey("counter"))));
        assertEquals(List.of("x"), raw(jedis -> jedis.lrange(nsKey("list"), 0, -1)));
        assertEquals(Set.of("red"), members(nsKey("tags")), "the set is untouched");
    }

    @Test
    void everyCommandInTheNamespaceWithValuesAsGiven() {
        raw(jedis -> jedis.set("plain", "outside")); // a bare key of the same name
        try (Pipeline p = store.pipeline()) {
            // values, fields and members that look like names are sent as they are
            Reply<Void> set = p.set("plain", "{value}:x");
            Reply<Void> setEx = p.set("session", "ns-free", Duration.ofMinutes(5));
            Reply<Long> hset = p.hset("{user}:obj:1", "name", "{ann}");
            Reply<Long> hsetAll = p.hset("{user}:obj:1", new LinkedHashMap<>(Map.of("a", "1", "b", "2")));
            Reply<Long> sadd = p.sadd("set", "m1", "{m2}", "m3");
            Reply<Long> zadd = p.zadd("{board}", 3, "ann");
            Reply<Long> zaddAll = p.zadd("{board}", Map.of("bob", 1.0, "cy", 2.0));
            Reply<Long> lpush = p.lpush("list", "b", "a");
            Reply<Long> rpush = p.rpush("list", "c");
            Reply<Long> counter = p.incr("counter");
            Reply<Boolean> expire = p.expire("counter", Duration.ofMinutes(1));
            Reply<Boolean> expireMissing = p.expire("missing", Duration.ofMinutes(1));
            p.sync();
            assertNull(set.get());
            assertNull(setEx.get());
            assertEquals(1L, hset.get());
            assertEquals(2L, hsetAll.get());
            assertEquals(3L, sadd.get());
            assertEquals(1L, zadd.get());
            assertEquals(2L, zaddAll.get());
            assertEquals(2L, lpush.get());
            assertEquals(3L, rpush.get());
            assertEquals(1L, counter.get());
            assertTrue(expire.get());
            assertFalse(expireMissing.get());

            Reply<String> get = p.get("plain");
            Reply<String> getMissing = p.get("missing");
            Reply<String> hget = p.hget("{user}:obj:1", "name");
            Reply<Map<String, String>> hgetAll = p.hgetAll("{user}:obj:1");
            Reply<Long> hdel = p.hdel("{user}:obj:1", "a", "nope");
            Reply<Set<String>> smembers = p.smembers("set");
            Reply<Long> srem = p.srem("set", "m1");
            Reply<List<String>> range = p.zrangeByScore("{board}", 1, Double.POSITIVE_INFINITY);
            Reply<Long> zrem = p.zrem("{board}", "cy");
            Reply<List<String>> lrange = p.lrange("list", 0, -1);
            p.sync();
            assertEquals("{value}:x", get.get());
            assertNull(getMissing.get());
            assertEquals("{ann}", hget.get());
            assertEquals(Map.of("name", "{ann}", "a", "1", "b", "2"), hgetAll.get());
            assertEquals(1L, hdel.get());
            assertEquals(Set.of("m1", "{m2}", "m3"), smembers.get());
            assertEquals(1L, srem.get());
            assertEquals(List.of("bob", "cy", "ann"), range.get());
            assertEquals(1L, zrem.get());
            assertEquals(List.of("a", "b", "c"), lrange.get());
        }
        // the real keys: <ns>name, and the namespace inside a leading hash tag
        assertEquals(Set.of(nsKey("plain"), nsKey("session"), nsKey("{user}:obj:1"), nsKey("set"), nsKey("{board}"),
                nsKey("list"), nsKey("counter")), realKeys());
        assertEquals("{value}:x", raw(jedis -> jedis.get(nsKey("plain"))), "values are never prefixed");
        assertEquals("outside", raw(jedis -> jedis.get("plain")), "the bare key is untouched");
        assertEquals(Map.of("name", "{ann}", "b", "2"), hash(nsKey("{user}:obj:1")));
        assertEquals(Set.of("{m2}", "m3"), members(nsKey("set")));
        assertEquals(3.0, score(nsKey("{board}"), "ann"));
        assertTrue(raw(jedis -> jedis.pttl(nsKey("session"))) > 0, "SET with a time to live");
        assertTrue(raw(jedis -> jedis.pttl(nsKey("counter"))) > 0, "EXPIRE");
        raw(jedis -> jedis.del("plain"));
    }

    /** Every key of the namespace, plain or hash-tagged. */
    private Set<String> realKeys() {
        return raw(jedis -> {
            Set<String> out = new java.util.TreeSet<>(jedis.keys(nsKey("*")));
            out.addAll(jedis.keys(nsKey("{*")));
            return out;
        });
    }

    @Test
    void publishNamesTheChannelAsPubSubDoes() throws InterruptedException {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (Subscription s = store.pubSub().subscribe((channel, message) -> received.add(channel + "=" + message),
                "news", "{model}:events")) {
            try (Pipeline p = store.pipeline()) {
                Reply<Long> news = p.publish("news", "hello");
                Reply<Long> events = p.publish("{model}:events", "{x}");
                p.sync();
                if (!onACluster()) { // a cluster node counts only its own subscribers, and a pipeline's PUBLISH goes to any
                    assertEquals(1L, news.get(), "one subscribed connection, on " + nsKey("news"));
                    assertEquals(1L, events.get(), "on " + nsKey("{model}:events"));
                }
            }
            assertEquals("news=hello", received.poll(5, TimeUnit.SECONDS));
            assertEquals("{model}:events={x}", received.poll(5, TimeUnit.SECONDS));
        }
        assertEquals(0L, sumOverServers(jedis -> jedis.pubsubNumSub("news").getOrDefault("news", 0L)),
                "nobody listens on the bare channel");
    }

    @Test
    void aLostConnectionNamesTheAddress() {
        // the pool hands out its most recently returned connection: the one killed here (on a
        // cluster, the pool of the node that holds "n", where CLIENT goes when "n" is its sample key)
        String n = nsKey("n");
        long id = (Long) raw(jedis -> jedis.sendCommand(n, Protocol.Command.CLIENT, "ID"));
        String address = store.url().address();
        try (RedisStore killer = connect(newNamespace())) {
            killer.execute(jedis -> jedis.sendCommand(n, Protocol.Command.CLIENT, "KILL", "ID", Long.toString(id)));
        }
        try (Pipeline p = store.pipeline()) {
            Reply<Long> r = p.incr("n");
            RedaoConnectionException e = assertThrows(RedaoConnectionException.class, p::sync);
            assertEquals(address, e.address());
            assertTrue(e.getMessage().contains(address), e.getMessage());
            RedaoConnectionException fromReply = assertThrows(RedaoConnectionException.class, r::get);
            assertEquals(address, fromReply.address());
        }
        // the broken connection was dropped, not returned to the pool
        try (Pipeline p = store.pipeline()) {
            Reply<Long> r = p.incr("n");
            p.sync();
            assertTrue(r.get() >= 1L);
        }
    }

    @Test
    void argumentsAreCheckedWhenQueued() {
        try (Pipeline p = store.pipeline()) {
            assertThrows(InvalidArgumentException.class, () -> p.del());
            assertThrows(InvalidArgumentException.class, () -> p.sadd("s"));
            assertThrows(InvalidArgumentException.class, () -> p.set("k", null));
            assertThrows(InvalidArgumentException.class, () -> p.set("k", "v", Duration.ZERO));
            assertThrows(InvalidArgumentException.class, () -> p.zadd("z", Double.NaN, "m"));
            assertEquals(0, p.queued());
        }
    }
}
