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
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A new object whose every field has a value, saved alone, runs the model's insert script
 * (insert_one.lua), a shorter path than the general save: it must write what the general save
 * writes and refuse what it refuses, leaving Redis as it was. {@link Member} has every kind of
 * index: two unique fields, a set and a prefix index on country, a sorted index on age.
 */
class InsertScriptTest extends RedisTestSupport {
    private MemberDao dao;

    @BeforeEach
    void dao() {
        dao = new MemberDao(store);
    }

    @Test
    void insertsWriteWhatTheWriteModuleWrites() {
        List<Member> members = List.of(new Member(null, "ann@x", "ann", "DE", 31, "Ann"),
                new Member(null, "bob@x", "bob", "DEN", 45, "Bob"));
        members.forEach(dao::save); // one at a time: the insert script
        String other = newNamespace();
        try (RedisStore module = connect(other)) {
            new MemberDao(module).saveAll(members); // two in one call: the bulk insert, which BulkInsertTest compares with the module
            // the stored schemas hold the same fields, compared as fields: a hash's dump may order them otherwise
            assertEquals(hash(base("member").replace(ns, other) + ":schema"), hash(base("member") + ":schema"));
            SortedMap<String, String> written = snapshot(module, other);
            written.remove(base("member").replace(ns, other) + ":schema");
            SortedMap<String, String> inserted = snapshot();
            inserted.remove(base("member") + ":schema");
            assertEquals(written.toString().replace(other, ns), inserted.toString());
        } finally {
            deleteNamespace(store, other);
        }
        RedaoAssertions.assertConsistent(dao);
    }

    @Test
    void aValueAnotherObjectHasIsRefusedBeforeTheCounterMoves() {
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        SortedMap<String, String> before = snapshot();
        UniqueViolationException e = assertThrows(UniqueViolationException.class,
                () -> dao.save(new Member(null, "ann@x", "other", "FR", 40, "Other")));
        assertEquals(ann.id(), e.holderId());
        assertUnchanged(before);
        assertEquals(ann.id() + 1, dao.save(new Member(null, "bob@x", "bob", "FR", 40, "Bob")).id(), "the counter is where it was");
    }

    @Test
    void aCounterResetBehindTheObjectsIsRefusedAndGivenBack() {
        Member first = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        raw(jedis -> jedis.del(base("member") + ":ids"));
        SortedMap<String, String> before = snapshot();
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> dao.save(new Member(null, "bob@x", "bob", "FR", 40, "Bob")));
        assertTrue(e.getMessage().contains("would assign 1, which the id set " + base("member") + ":id already holds"),
                e.getMessage());
        assertTrue(e.getMessage().contains("member.insert; nothing was written"), e.getMessage());
        assertUnchanged(before);
        assertEquals(first, dao.get(first.id()).orElseThrow());
    }

    /** The index keys a new German member of 31 is written to. */
    private static final Map<String, String> INDEX_KEYS = Map.of(
            "country set", ":idx:country:DE",
            "prefix index", ":lex:country",
            "age index", ":idx:age",
            "id set", ":id");

    @ParameterizedTest
    @ValueSource(strings = {"country set", "prefix index", "age index", "id set"})
    void aBrokenIndexKeyRefusesTheInsertAndLeavesRedisAsItWas(String which) {
        dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        String broken = base("member") + INDEX_KEYS.get(which);
        raw(jedis -> jedis.del(broken));
        raw(jedis -> jedis.set(broken, "not an index"));
        SortedMap<String, String> before = snapshot();
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> dao.save(new Member(null, "bob@x", "bob", "DE", 31, "Bob")), which);
        assertTrue(e.getMessage().contains(broken + " holds a string where a "), e.getMessage());
        assertTrue(e.getMessage().contains("member.insert; nothing was written"), e.getMessage());
        assertUnchanged(before);
    }

    /**
     * An entry the new object's id already has (a stale one, as a reset counter leaves) is not the
     * insert's to take back: a refused insert removes only what it added.
     */
    @Test
    void aRefusedInsertKeepsAnEntryItDidNotAdd() {
        dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        String country = base("member") + ":idx:country:DE";
        raw(jedis -> jedis.sadd(country, "2")); // the id the next insert gets
        String broken = base("member") + ":idx:age";
        raw(jedis -> jedis.del(broken));
        raw(jedis -> jedis.set(broken, "not an index"));
        SortedMap<String, String> before = snapshot();
        assertThrows(CorruptDataException.class, () -> dao.save(new Member(null, "bob@x", "bob", "DE", 31, "Bob")));
        assertUnchanged(before);
        assertEquals(Boolean.TRUE, raw(jedis -> jedis.sismember(country, "2")), "the stale entry stays");
    }
}
