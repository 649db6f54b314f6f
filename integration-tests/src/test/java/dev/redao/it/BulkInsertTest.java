package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * saveAll of new objects whose every field has a value runs the model's bulk insert
 * (insert_many.lua), which keeps no plan per object: it must write what the write module writes
 * and refuse what it refuses, leaving Redis as it was. {@link Member} has every kind of index.
 */
class BulkInsertTest extends RedisTestSupport {
    private MemberDao dao;

    @BeforeEach
    void dao() {
        dao = new MemberDao(store);
    }

    private static List<Member> members(int n, int from) {
        List<Member> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(new Member(null, "m" + i + "@x", "h" + i, "C" + i % 7, i % 90, "Member " + i));
        }
        return out;
    }

    @Test
    void writesWhatTheWriteModuleWrites() {
        List<Member> batch = members(600, 0);
        Map<String, Long> calls = commandDelta(() -> dao.saveAll(batch));
        // three scripts (250, 250 and 100 members), then the record of the model's schema after its first write
        assertEquals(4L, calls.getOrDefault("evalsha", 0L) + calls.getOrDefault("eval", 0L), calls.toString());
        assertEquals(3L, calls.get("exists"), "one check of the first new id per script: " + calls);
        String other = newNamespace();
        try (RedisStore module = connect(other)) {
            MemberDao viaModule = new MemberDao(module);
            for (int from = 0; from < 600; from += 200) {
                List<Member> chunk = batch.subList(from, from + 200);
                // a delete in the same call takes the write module
                module.transaction(tx -> {
                    chunk.forEach(m -> tx.save(viaModule, m));
                    tx.delete(viaModule, 999_999L);
                });
            }
            // compared by content: a DUMP of a set or hash this large depends on the order of its writes
            Map<String, Object> written = contents(module, other);
            written.remove(base("member").replace(ns, other) + ":schema");
            Map<String, Object> inserted = contents(store, ns);
            inserted.remove(base("member") + ":schema");
            assertEquals(written.toString().replace(other, ns), inserted.toString());
        } finally {
            deleteNamespace(store, other);
        }
        RedaoAssertions.assertConsistent(dao);
    }

    /** Every key of the namespace with its type and content, sorted. */
    private static Map<String, Object> contents(RedisStore store, String namespace) {
        Map<String, Object> out = new TreeMap<>();
        for (String key : keys(store, namespace)) {
            out.put(key, store.execute(jedis -> switch (jedis.type(key)) {
                case "set" -> new TreeSet<>(jedis.smembers(key));
                case "zset" -> jedis.zrangeWithScores(key, 0, -1).toString();
                case "hash" -> new TreeMap<>(jedis.hgetAll(key));
                default -> jedis.type(key) + " " + jedis.get(key);
            }));
        }
        return out;
    }

    @Test
    void aValueTwiceInTheCallIsRefusedWithNothingWritten() {
        dao.save(new Member(null, "first@x", "first", "DE", 1, "First"));
        SortedMap<String, String> before = snapshot();
        List<Member> batch = new ArrayList<>(members(5, 0));
        batch.add(new Member(null, "m2@x", "again", "FR", 3, "Again"));
        UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> dao.saveAll(batch));
        assertEquals("email", e.field());
        assertEquals("m2@x", e.value());
        assertEquals(4L, e.holderId(), "the id the first of the two would have had");
        assertUnchanged(before);
    }

    @Test
    void aValueAnotherObjectOrABatchHoldsIsRefusedWithNothingWritten() {
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        SortedMap<String, String> before = snapshot();
        List<Member> batch = new ArrayList<>(members(3, 0));
        batch.add(new Member(null, "x@x", "ann", "FR", 3, "X"));
        UniqueViolationException held = assertThrows(UniqueViolationException.class, () -> dao.saveAll(batch));
        assertEquals("handle", held.field());
        assertEquals(ann.id(), held.holderId());
        assertUnchanged(before);

        raw(jedis -> jedis.set(base("member") + ":claim:email:m1@x", "77")); // a running batch's claim
        SortedMap<String, String> claimed = snapshot();
        UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> dao.saveAll(members(3, 0)));
        assertEquals("m1@x", e.value());
        assertEquals(77L, e.holderId());
        assertUnchanged(claimed);
    }

    @Test
    void anIndexKeyOfTheWrongTypeIsRefusedWithNothingWritten() {
        dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        raw(jedis -> jedis.set(base("member") + ":idx:country:C3", "not a set"));
        SortedMap<String, String> before = snapshot();
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> dao.saveAll(members(5, 0)));
        assertTrue(e.getMessage().contains(base("member") + ":idx:country:C3 holds a string where a set belongs"), e.getMessage());
        assertUnchanged(before);
    }

    @Test
    void aCounterBeyondLuaNumbersOrResetGoesToTheWriteModule() {
        raw(jedis -> jedis.set(base("member") + ":ids", "9999999999999"));
        List<Member> saved = dao.saveAll(members(2, 0));
        assertEquals(List.of(10_000_000_000_000L, 10_000_000_000_001L), saved.stream().map(Member::id).toList());

        raw(jedis -> jedis.set(base("member") + ":ids", "10000000000000")); // reset: the next id is taken
        SortedMap<String, String> before = snapshot();
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> dao.saveAll(members(2, 10)));
        assertTrue(e.getMessage().contains("the counter was reset or deleted"), e.getMessage());
        assertUnchanged(before);
        RedaoAssertions.assertConsistent(dao);
    }
}
