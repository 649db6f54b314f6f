package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.queue.ReliableQueue;
import dev.redao.runtime.tools.KeyExistsException;
import dev.redao.runtime.tools.LegacyNamespace;
import dev.redao.test.RedaoAssertions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Data written under the old layout ({@code namespace=<ns>.}: <code>{&lt;ns&gt;.member}:obj:1</code>,
 * {@code <ns>.session:1}) moves to the store's namespace {@code <ns>} and works there. The old
 * layout is made here by writing with Redao in a scratch namespace and renaming every key to the
 * old spelling.
 */
class LegacyNamespaceTest extends RedisTestSupport {
    /** Prefixes of the old layout this test wrote under, removed after it. */
    private final List<String> oldPrefixes = new ArrayList<>();

    @AfterEach
    void deleteOldKeys() {
        RawKeys.deleteStartingWith(store, oldPrefixes.stream().flatMap(p -> java.util.stream.Stream.of(p, "{" + p))
                .toArray(String[]::new));
    }

    /** Writes with {@code work} in a scratch namespace, then renames its keys as the old layout named them under {@code old}. */
    private void writeOldLayout(String old, java.util.function.Consumer<RedisStore> work) {
        assumeFalse(onACluster(), "the old layout was only ever written on a single server; on a cluster"
                + " LegacyNamespace is refused (aClusterStoreIsRefused)");
        oldPrefixes.add(old);
        String scratch = ns + "scratch";
        try (RedisStore s = connect(scratch)) {
            work.accept(s);
            for (String key : RawKeys.ofNamespace(store, scratch)) {
                String oldKey = key.startsWith("{")
                        ? "{" + old + key.substring(("{" + scratch + ":").length())
                        : old + key.substring((scratch + ":").length());
                raw(jedis -> jedis.rename(key, oldKey));
            }
        }
    }

    private Set<String> oldKeys(String old) {
        return RawKeys.startingWith(store, old, "{" + old);
    }

    @Test
    void aClusterStoreIsRefused() {
        if (onACluster()) {
            CrossSlotException e = assertThrows(CrossSlotException.class, () -> LegacyNamespace.of(store, ns + "."));
            assertTrue(e.getMessage().contains("RENAMENX") && e.getMessage().contains("single server"), e.getMessage());
        } else {
            assertEquals(ns + ".", LegacyNamespace.of(store, ns + ".").oldNamespace());
        }
    }

    @Test
    void aModelAQueueAndKeysMoveAndWorkInTheNewLayout() {
        String old = ns + ".";
        writeOldLayout(old, s -> {
            MemberDao members = new MemberDao(s);
            for (int i = 1; i <= 3; i++) {
                members.save(new Member(null, "m" + i + "@x", "h" + i, i == 2 ? "FR" : "DE", 30 + i, "M" + i));
            }
            ReliableQueue<String> jobs = s.queue("jobs", String.class);
            jobs.push("first");
            jobs.push("second");
            jobs.take(Duration.ZERO).orElseThrow(); // in flight when the old version stopped
            s.execute(jedis -> jedis.psetex(s.keyspace().key("session:1"), 60_000, "ann"));
            s.execute(jedis -> jedis.zadd(s.keyspace().key("{board}"), 5, "ann"));
        });
        Set<String> before = oldKeys(old);
        assertTrue(before.contains("{" + old + "member}:obj:1"), before.toString());
        assertTrue(before.contains("{" + old + "queue:jobs}:ready"), before.toString());
        assertTrue(before.contains(old + "session:1"), before.toString());

        LegacyNamespace legacy = LegacyNamespace.of(store, old);
        MemberDao members = new MemberDao(store);
        long modelKeys = before.stream().filter(k -> k.startsWith("{" + old + "member}:")).count();
        assertEquals(modelKeys, legacy.moveModel(members));
        assertEquals(4, legacy.moveQueue("jobs"), "ready, processing, leases, ids");
        assertEquals(1, legacy.moveKeys("session:*"));
        assertEquals(1, legacy.moveKeys("{board}*"));
        assertEquals(Set.of(), oldKeys(old), "nothing is left under the old names");
        assertEquals(before.size(), RawKeys.ofNamespace(store, ns).size());

        assertEquals(3, members.count());
        assertEquals("M2", members.getByEmail("m2@x").orElseThrow().name());
        assertEquals(List.of(1L, 3L), members.query().filter(MemberQuery.country.eq("DE")).ids());
        assertEquals(4L, members.save(new Member(null, "m4@x", "h4", "DE", 34, "M4")).id(), "the id counter moved too");
        RedaoAssertions.assertConsistent(members);

        ReliableQueue<String> jobs = store.queue("jobs", String.class);
        assertEquals(1, jobs.size());
        assertEquals(1, jobs.inFlight());
        assertEquals("second", jobs.take(Duration.ZERO).orElseThrow().message());
        assertEquals(3L, jobs.push("third"), "the queue's id counter moved too");

        assertEquals("ann", raw(jedis -> jedis.get(nsKey("session:1"))));
        assertTrue(raw(jedis -> jedis.pttl(nsKey("session:1"))) > 0, "the time to live moved with the key");
        assertEquals(5.0, score(nsKey("{board}"), "ann"));

        assertEquals(0, legacy.moveModel(members), "a second run finds nothing to move");
        assertEquals(0, legacy.moveKeys("*"));
    }

    @Test
    void aTakenNewNameIsRefusedAndNothingMoves() {
        String old = ns + ".";
        writeOldLayout(old, s -> {
            MemberDao members = new MemberDao(s);
            members.save(new Member(null, "a@x", "a", "DE", 30, "A"));
            members.save(new Member(null, "b@x", "b", "DE", 31, "B"));
        });
        raw(jedis -> jedis.set(nsKey("{member}:obj:2"), "written under the new layout meanwhile"));
        Set<String> oldBefore = oldKeys(old);
        Map<String, String> newBefore = RawKeys.dump(store, ns);

        KeyExistsException e = assertThrows(KeyExistsException.class,
                () -> LegacyNamespace.of(store, old).moveModel(new MemberDao(store)));
        assertEquals(nsKey("{member}:obj:2"), e.key());
        assertEquals("{" + old + "member}:obj:2", e.source());
        assertTrue(e.getMessage().contains("nothing was moved"), e.getMessage());
        assertEquals(oldBefore, oldKeys(old));
        assertEquals(newBefore, RawKeys.dump(store, ns));
    }

    /**
     * The old layout is ambiguous between namespaces whose names start alike: a call moves what
     * its argument names. A model's name ends with the tag's brace, so t1's model is never t10's.
     */
    @Test
    void onlyWhatTheCallNamesMoves() {
        String t1 = ns + "t1";
        String t10 = ns + "t10";
        writeOldLayout(t10, s -> {
            new MemberDao(s).save(new Member(null, "ten@x", "ten", "DE", 30, "Ten"));
            s.execute(jedis -> jedis.set(s.keyspace().key("session:1"), "ten"));
        });
        writeOldLayout(t1, s -> {
            new MemberDao(s).save(new Member(null, "one@x", "one", "DE", 30, "One"));
            s.execute(jedis -> jedis.set(s.keyspace().key("session:1"), "one"));
        });
        Set<String> t10Before = RawKeys.startingWith(store, t10, "{" + t10);
        try (RedisStore s = connect(t1)) {
            LegacyNamespace legacy = LegacyNamespace.of(s, t1);
            long memberKeys = RawKeys.startingWith(store, "{" + t1 + "member}:").size();
            assertEquals(memberKeys, legacy.moveModel(new MemberDao(s)));
            assertEquals(1, legacy.moveKeys("session:*"));
            assertEquals("one", s.execute(jedis -> jedis.get(s.keyspace().key("session:1"))));
            assertEquals(Optional.of("One"), new MemberDao(s).get(1L).map(Member::name));
        }
        assertEquals(t10Before, RawKeys.startingWith(store, t10, "{" + t10), "t10's old keys are untouched");
    }

    /** An old namespace without a trailing dot begins the new one's keys (t1 begins t1:...): those are never moved. */
    @Test
    void keysAlreadyInTheNewLayoutAreNeverMoved() {
        writeOldLayout(ns, s -> {
            new MemberDao(s).save(new Member(null, "a@x", "a", "DE", 30, "A"));
            s.execute(jedis -> jedis.set(s.keyspace().key("session:1"), "old"));
        });
        int old = oldKeys(ns).size();
        raw(jedis -> jedis.set(nsKey("fresh"), "new layout"));
        raw(jedis -> jedis.zadd(nsKey("{board}"), 1, "ann"));
        Map<String, String> fresh = RawKeys.dump(store, ns);

        assertEquals(old, LegacyNamespace.of(store, ns).moveKeys("*"));
        assertEquals(old + fresh.size(), RawKeys.ofNamespace(store, ns).size());
        fresh.forEach((key, dump) -> assertEquals(dump, RawKeys.dump(store, ns).get(key), key));
        assertEquals("old", raw(jedis -> jedis.get(nsKey("session:1"))));
        assertEquals(1, new MemberDao(store).count());
        assertEquals(0, LegacyNamespace.of(store, ns).moveKeys("*"));
    }

    @Test
    void whatCannotBeAnOldNamespaceIsRefused() {
        assertThrows(InvalidArgumentException.class, () -> LegacyNamespace.of(store, ""));
        assertThrows(InvalidArgumentException.class, () -> LegacyNamespace.of(store, "a:b"));
        assertThrows(InvalidArgumentException.class, () -> LegacyNamespace.of(store, "{x}"));
        if (onACluster()) {
            return; // LegacyNamespace.of refuses a cluster's store: aClusterStoreIsRefused
        }
        try (RedisStore other = connect(newNamespace())) {
            assertThrows(InvalidArgumentException.class,
                    () -> LegacyNamespace.of(store, ns + ".").moveModel(new MemberDao(other)));
        }
    }
}
