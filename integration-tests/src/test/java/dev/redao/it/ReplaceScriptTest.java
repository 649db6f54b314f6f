package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.Resident;
import dev.redao.it.model.ResidentDao;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A save by id whose every field has a value (the usual update), alone in its call, runs the
 * model's replace script (replace_one.lua), a shorter path than the general save: it must write
 * what the write module writes and refuse what it refuses, leaving Redis as it was. {@link Member}
 * has every kind of index: two unique fields, a set and a prefix index on country, a sorted index
 * on age.
 */
class ReplaceScriptTest extends RedisTestSupport {
    private MemberDao dao;

    @BeforeEach
    void dao() {
        dao = new MemberDao(store);
    }

    @Test
    void replacesWriteWhatTheWriteModuleWrites() {
        List<Member> replacements = List.of(
                new Member(1L, "ann@y", "ann", "FR", 32, "Ann B"), // a new email and country, the same handle
                new Member(2L, "bob@x", "bobby", "DEN", 45, "Bob"), // only a handle
                new Member(100L, "cy@x", "cy", "DE", 20, "Cy")); // a new object with an id of its own
        assertWritesWhatTheModuleWrites("member", MemberDao::new, List.of(new Member(null, "ann@x", "ann", "DE", 31, "Ann"),
                new Member(null, "bob@x", "bob", "DEN", 45, "Bob")), replacements);
        assertEquals(replacements.get(0), dao.get(1L).orElseThrow());
        assertEquals(101L, dao.save(new Member(null, "dee@x", "dee", "DE", 50, "Dee")).id(),
                "the counter moved past the id the replace script created");
        RedaoAssertions.assertConsistent(dao);
    }

    /** {@link Resident}'s compound indexes: an entry moves with the country and takes the new age or rank. */
    @Test
    void replacesMoveCompoundIndexEntriesAsTheWriteModuleDoes() {
        assertWritesWhatTheModuleWrites("resident", ResidentDao::new,
                List.of(new Resident(null, "DE", 30, 1, "Ann"), new Resident(null, "DE", 31, 2, "Bob"), new Resident(null, "FR", 32, 3, "Cy")),
                List.of(new Resident(1L, "FR", 30, 1, "Ann"), new Resident(2L, "DE", 41, 2, "Bob"), new Resident(3L, "FR", 32, 9, "Cy"),
                        new Resident(7L, "ES", 50, 5, "Dee")));
        RedaoAssertions.assertConsistent(new ResidentDao(store));
    }

    /**
     * Saves created, then each of replacements by itself (the replace script), and in another
     * namespace both lists with saveAll (the write module): Redis must hold the same.
     */
    private <T> void assertWritesWhatTheModuleWrites(String model, Function<RedisStore, ModelDao<T, Long>> daoOf, List<T> created,
                                                     List<T> replacements) {
        ModelDao<T, Long> one = daoOf.apply(store);
        created.forEach(one::save);
        replacements.forEach(one::save);
        String other = newNamespace();
        try (RedisStore module = connect(other)) {
            ModelDao<T, Long> moduleDao = daoOf.apply(module);
            moduleDao.saveAll(created);
            moduleDao.saveAll(replacements); // in one call: the write module
            // the stored schemas hold the same fields, compared as fields: a hash's dump may order them otherwise
            assertEquals(hash(base(model).replace(ns, other) + ":schema"), hash(base(model) + ":schema"));
            SortedMap<String, String> written = snapshot(module, other);
            written.remove(base(model).replace(ns, other) + ":schema");
            SortedMap<String, String> replaced = snapshot();
            replaced.remove(base(model) + ":schema");
            assertEquals(written.toString().replace(other, ns), replaced.toString());
        } finally {
            deleteNamespace(store, other);
        }
    }

    @Test
    void aValueAnotherObjectHoldsIsRefusedAndNothingChanges() {
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        Member bob = dao.save(new Member(null, "bob@x", "bob", "FR", 40, "Bob"));
        SortedMap<String, String> before = snapshot();
        UniqueViolationException e = assertThrows(UniqueViolationException.class,
                () -> dao.save(bob.withHandle("ann").withCountry("DE")));
        assertEquals(ann.id(), e.holderId());
        assertEquals("handle", e.field());
        assertUnchanged(before);
        // a value the object holds already is its own
        assertEquals(bob.withAge(41), dao.save(bob.withAge(41)));
    }

    @Test
    void aCorruptObjectIsRefusedAndNothingChanges() {
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        raw(jedis -> jedis.hset(base("member") + ":obj:" + ann.id(), "id", "7"));
        SortedMap<String, String> before = snapshot();
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> dao.save(ann.withCountry("FR")));
        assertTrue(e.getMessage().contains("member " + ann.id() + " is corrupt: its hash " + base("member") + ":obj:" + ann.id()
                + " holds '7' in its field 'id'"), e.getMessage());
        assertUnchanged(before);
    }

    /** The index keys that a move of a German member of 31 to France at 32 (or a new French member) writes. */
    private static final Map<String, String> INDEX_KEYS = Map.of(
            "country set", ":idx:country:FR",
            "prefix index", ":lex:country",
            "age index", ":idx:age",
            "id set", ":id");

    @ParameterizedTest
    @ValueSource(strings = {"country set", "prefix index", "age index", "id set"})
    void aBrokenIndexKeyRefusesTheReplaceAndLeavesRedisAsItWas(String which) {
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        String broken = base("member") + INDEX_KEYS.get(which);
        raw(jedis -> jedis.del(broken));
        raw(jedis -> jedis.set(broken, "not an index"));
        SortedMap<String, String> before = snapshot();
        // the id set is written for a new object only
        Member replacement = which.equals("id set") ? new Member(100L, "bob@x", "bob", "FR", 32, "Bob")
                : ann.withCountry("FR").withAge(32).withEmail("ann@y");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> dao.save(replacement), which);
        assertTrue(e.getMessage().contains(broken + " holds a string where a "), e.getMessage());
        assertTrue(e.getMessage().contains("member.replace; nothing was written"), e.getMessage());
        assertUnchanged(before);
    }

    /**
     * A compound key of the wrong type, the replace's last write: the scored members written before
     * it get their scores back (age, rank, the old country's compound entries) or go again if they
     * were new (the new country's entries; every one for a new object), and the country's sets move
     * back.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aBrokenCompoundKeyPutsBackEveryScoreWrittenBeforeIt(boolean stored) {
        ResidentDao residents = new ResidentDao(store);
        Resident ann = residents.save(new Resident(null, "DE", 30, 1, "Ann"));
        residents.save(new Resident(null, "FR", 40, 4, "Cy"));
        String broken = base("resident") + ":cidx:country:rank:FR";
        raw(jedis -> jedis.rename(broken, broken + ":saved"));
        raw(jedis -> jedis.set(broken, "not an index"));
        SortedMap<String, String> before = snapshot();
        Resident replacement = stored ? new Resident(ann.id(), "FR", 31, 2, "Ann") : new Resident(100L, "FR", 31, 2, "Bob");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> residents.save(replacement));
        assertTrue(e.getMessage().contains(broken + " holds a string where a zset belongs"), e.getMessage());
        assertTrue(e.getMessage().contains("resident.replace; nothing was written"), e.getMessage());
        assertUnchanged(before);
        raw(jedis -> jedis.rename(broken + ":saved", broken));
        RedaoAssertions.assertConsistent(residents);
    }
}
