package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the tests of large batches share: a Member DAO, numbered members whose unique values
 * ({@code e<i>@x}, {@code h<i>}) say which input they came from, and raw reads of the keys a batch
 * writes or leaves behind ({@code uni:*}, the id counter {@code ids}, {@code claim:*}, {@code tmp:*}).
 */
abstract class BatchTestSupport extends RedisTestSupport {
    static final String[] COUNTRIES = {"DE", "FR", "IT"};

    MemberDao dao;

    @BeforeEach
    void memberDao() {
        dao = new MemberDao(store);
    }

    /** A new member (no id) numbered {@code i}. */
    static Member fresh(int i) {
        return new Member(null, "e" + i + "@x", "h" + i, COUNTRIES[i % COUNTRIES.length], 18 + i % 60, "M" + i);
    }

    /** New members numbered {@code 0 .. n-1}. */
    static List<Member> freshMembers(int n) {
        List<Member> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(fresh(i));
        }
        return out;
    }

    String memberBase() {
        return base("member");
    }

    String uni(String field) {
        return memberBase() + ":uni:" + field;
    }

    String objectKey(Object id) {
        return memberBase() + ":obj:" + id;
    }

    String counterKey() {
        return memberBase() + ":ids";
    }

    /** The key of a running batch's claim on a value of a unique field. */
    String claimKey(String field, String value) {
        return memberBase() + ":claim:" + field + ":" + value;
    }

    /** The id counter as stored, or null. */
    String counter() {
        return raw(jedis -> jedis.get(counterKey()));
    }

    /** Keys that only a running all-or-nothing batch may have: its claims and its temporary hashes. */
    Set<String> batchLeftovers() {
        Set<String> out = new TreeSet<>();
        for (String key : keys()) {
            if (key.startsWith(memberBase() + ":claim:") || key.startsWith(memberBase() + ":tmp:")) {
                out.add(key);
            }
        }
        return out;
    }

    void assertNoBatchLeftovers() {
        assertEquals(Set.of(), batchLeftovers(), "no claim and no temporary hash may remain");
    }

    /**
     * Every key of the namespace but the id counters ({@code ...:ids}, which a refused
     * all-or-nothing batch may have moved), with its type, TTL and contents. Unlike
     * {@link #snapshot()} (DUMP), this ignores the encoding: a unique hash that a batch's claims
     * made large enough to become a hashtable compares equal once the claims are gone.
     */
    SortedMap<String, String> snapshotWithoutCounter() {
        return raw(jedis -> {
            SortedMap<String, String> out = new TreeMap<>();
            for (String key : keys()) {
                if (key.endsWith(":ids")) {
                    continue;
                }
                String type = jedis.type(key);
                Object contents = switch (type) {
                    case "hash" -> new TreeMap<>(jedis.hgetAll(key));
                    case "set" -> new TreeSet<>(jedis.smembers(key));
                    case "zset" -> jedis.zrangeWithScores(key, 0, -1).stream()
                            .map(t -> t.getElement() + "=" + t.getScore()).toList();
                    case "string" -> jedis.get(key);
                    default -> type + "?";
                };
                out.put(key, type + " ttl=" + (jedis.pttl(key) < 0 ? "none" : "set") + " " + contents);
            }
            return out;
        });
    }

    /** The live ids, as numbers, sorted. */
    Set<Long> liveIds() {
        Set<Long> out = new TreeSet<>();
        members(memberBase() + ":id").forEach(id -> out.add(Long.valueOf(id)));
        return out;
    }

    void checkInvariants() {
        RedaoAssertions.assertConsistent(dao);
    }

    /** The change of each command's calls during {@code operation} (the two INFOs that measure it removed). */
    Map<String, Long> commandsDuring(Runnable operation) {
        Map<String, Long> delta = commandDelta(operation);
        delta.remove("info");
        return delta;
    }

    /** Loads the write scripts into the server (the first EVALSHA on a fresh server also sends an EVAL), then forgets the model. */
    void warmUpScripts() {
        // a single save has a script of its own, and two objects take the batch script
        dao.save(fresh(0));
        dao.saveAll(List.of(fresh(1), fresh(2)));
        deleteNamespace(store, ns);
        assertEquals(Set.of(), keys());
    }

    static void assertViolation(UniqueViolationException e, String field, String value, Object holder) {
        assertEquals("member", e.model());
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(value, e.value(), e.getMessage());
        assertEquals(holder, e.holderId(), e.getMessage());
    }

    /** Every input still has no id: a record is never changed by a save. */
    static void assertStillWithoutIds(List<Member> inputs) {
        for (Member m : inputs) {
            assertNull(m.id());
        }
    }

    /** The stored member {@code id} has the unique values of input number {@code i}. */
    void assertStoredAs(long id, int i) {
        Map<String, String> h = hash(objectKey(id));
        assertEquals("e" + i + "@x", h.get("email"), "object " + id);
        assertEquals("h" + i, h.get("handle"), "object " + id);
        assertTrue(h.containsKey("country"), "object " + id);
    }
}
