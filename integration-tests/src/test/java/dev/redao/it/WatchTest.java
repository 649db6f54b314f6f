package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.messaging.Subscription;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watching a key or an object through keyspace notifications: the events arrive, and the
 * notifications are switched on as needed without dropping flags already set.
 */
class WatchTest extends RedisTestSupport {
    private String before;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void rememberConfig() {
        before = KeyspaceConfig.get(store);
        KeyspaceConfig.set(store, ""); // the server's default: no notifications
    }

    @AfterEach
    void restoreConfig() {
        KeyspaceConfig.set(store, before);
    }

    private String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no event within 10 s");
        return e;
    }

    @Test
    void watchKeyReportsWhatHappensToTheKeyInTheNamespace() throws InterruptedException {
        store.watchKey("greeting", (key, event) -> events.add(key + " " + event));
        raw(jedis -> jedis.set("greeting", "outside the namespace"));
        raw(jedis -> jedis.set(nsKey("greeting"), "hello"));
        raw(jedis -> jedis.append(nsKey("greeting"), "!"));
        raw(jedis -> jedis.pexpire(nsKey("greeting"), 1));
        assertEquals("greeting set", next());
        assertEquals("greeting append", next());
        assertEquals("greeting expire", next());
        assertEquals("greeting expired", next(), "expiry is reported when Redis removes the key");
        raw(jedis -> jedis.rpush(nsKey("greeting"), "a"));
        raw(jedis -> jedis.del(nsKey("greeting")));
        assertEquals("greeting rpush", next());
        assertEquals("greeting del", next());
    }

    /** Key names follow the one rule: a leading hash tag gets the namespace inside it, which is how model keys are named. */
    @Test
    void watchKeyNamesAHashTaggedKeyAsTheKeyspaceDoes() throws InterruptedException {
        MemberDao members = new MemberDao(store);
        store.watchKey("{member}:id", (key, event) -> events.add(key + " " + event));
        members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        assertEquals("{member}:id sadd", next());
        assertEquals(store.keyspace().key("{member}:id"), base("member") + ":id");
    }

    @Test
    void daoWatchReportsSavesAndDeletesOfOneObject() throws InterruptedException {
        MemberDao members = new MemberDao(store);
        Member watched = members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        Member other = members.save(new Member(null, "bob@x", "bob", "FR", 42, "Bob"));
        String key = base("member") + ":obj:" + watched.id();
        Subscription s = members.watch(watched.id(), (k, event) -> events.add(k + " " + event));
        members.save(other.withAge(43));
        members.save(watched.withAge(32));
        assertEquals(key + " hset", next());
        members.save(new Member(watched.id(), "ann@x", "ann", "DE", 32, null));
        assertEquals(key + " hdel", next(), "the null name is removed from the hash");
        assertEquals(key + " hset", next());
        members.delete(watched.id());
        assertEquals(key + " del", next());
        s.close();
        assertEquals(0, subscribersUntilNone("__keyspace@" + store.url().database() + "__:" + key),
                "closed: Redis dropped the subscription");
        // a watch still open on the same connection: once it has the next event, a closed one would have it too
        BlockingQueue<String> stillOpen = new LinkedBlockingQueue<>();
        members.watch(watched.id(), (k, event) -> stillOpen.add(event));
        members.save(watched);
        assertEquals("hset", stillOpen.poll(10, TimeUnit.SECONDS));
        assertTrue(events.isEmpty(), "nothing after close: " + events);
    }

    /** UNSUBSCRIBE is sent without waiting for Redis's reply: polls PUBSUB NUMSUB, for at most 10 s. */
    private long subscribersUntilNone(String channel) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long n;
        do {
            n = sumOverServers(jedis -> jedis.pubsubNumSub(channel).getOrDefault(channel, 0L));
        } while (n != 0 && System.nanoTime() < deadline);
        return n;
    }

    @Test
    void missingFlagsAreAddedAndPresentOnesKept() {
        KeyspaceConfig.set(store, "Elz");
        store.watchKey("k", (key, event) -> {});
        String now = KeyspaceConfig.get(store);
        for (char flag : "ElzKg$shtxe".toCharArray()) {
            assertTrue(now.indexOf(flag) >= 0 || now.contains("A") && "g$lshztxe".indexOf(flag) >= 0,
                    "'" + flag + "' in '" + now + "'");
        }
        assertTrue(now.contains("E"), "the keyevent flag stays: " + now);
    }

    @Test
    void anObjectWatchAsksOnlyForTheClassesAnObjectNeeds() {
        KeyspaceConfig.set(store, "");
        new MemberDao(store).watch(1L, (key, event) -> {});
        String now = KeyspaceConfig.get(store);
        for (char flag : "Kghxe".toCharArray()) {
            assertTrue(now.indexOf(flag) >= 0, "'" + flag + "' in '" + now + "'");
        }
        assertEquals(-1, now.indexOf('l'), "lists are not needed to watch a hash: " + now);
    }

    @Test
    void flagsAlreadySetAreLeftAlone() {
        KeyspaceConfig.set(store, "KA");
        String set = KeyspaceConfig.get(store);
        store.watchKey("k", (key, event) -> {});
        new MemberDao(store).watch(1L, (key, event) -> {});
        assertEquals(set, KeyspaceConfig.get(store));
    }
}
