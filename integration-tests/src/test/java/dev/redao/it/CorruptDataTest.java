package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.AllTypes;
import dev.redao.it.model.AllTypesDao;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.CorruptValueException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedaoException;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** What Redao does when Redis holds something it never wrote: typed errors, and no damage. */
class CorruptDataTest extends RedisTestSupport {
    private MemberDao dao;
    private Member ann;

    @BeforeEach
    void oneMember() {
        dao = new MemberDao(store);
        ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
    }

    private String key(String suffix) {
        return base("member") + suffix;
    }

    @Test
    void undecodableValueNamesKeyAndField() {
        String objKey = key(":obj:1");
        raw(jedis -> jedis.hset(objKey, "age", "abc"));
        CorruptValueException e = assertThrows(CorruptValueException.class, () -> dao.get(1L));
        assertEquals(objKey, e.key());
        assertEquals("age", e.field());
        assertEquals("abc", e.value());
        assertTrue(e.getMessage().contains(objKey) && e.getMessage().contains("'age'"), e.getMessage());
        // every read path reports it the same way
        assertEquals(objKey, assertThrows(CorruptValueException.class, () -> dao.getByEmail("ann@x")).key());
        assertEquals("age", assertThrows(CorruptValueException.class, () -> dao.getAll(List.of(1L))).field());
    }

    @Test
    void undecodableValuesOfOtherTypes() {
        AllTypesDao all = new AllTypesDao(store);
        long id = all.save(RoundTripTest.full(null)).id();
        String objKey = base("alltypes") + ":obj:" + id;
        for (String[] bad : new String[][] {
                {"flag", "yes"}, {"letterBox", "ab"}, {"tiny", "300"}, {"color", "PURPLE"}, {"ref", "not-a-uuid"},
                {"at", "yesterday"}, {"day", "2024-13-01"}, {"length", "1h"}, {"amount", "1,5"},
                {"tags", "[\"unterminated"}, {"dims", "{\"width\":\"wide\"}"}}) {
            String good = raw(jedis -> jedis.hget(objKey, bad[0]));
            raw(jedis -> jedis.hset(objKey, bad[0], bad[1]));
            CorruptValueException e = assertThrows(CorruptValueException.class, () -> all.get(id), bad[0]);
            assertEquals(objKey, e.key());
            assertEquals(bad[0], e.field());
            assertEquals(bad[1], e.value());
            raw(jedis -> jedis.hset(objKey, bad[0], good));
            all.get(id); // readable again
        }
    }

    private void assertSaveRefused(Consumer<UnifiedJedis> corrupt, String badKey, Runnable save) {
        raw(jedis -> {
            corrupt.accept(jedis);
            return null;
        });
        SortedMap<String, String> before = snapshot();
        CorruptDataException e = assertThrows(CorruptDataException.class, save::run);
        assertTrue(e.getMessage().contains(badKey), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
        assertUnchanged(before);
    }

    @Test
    void wrongTypeAtASetIndexKey() {
        String bad = key(":idx:country:FR");
        assertSaveRefused(jedis -> jedis.set(bad, "garbage"), bad,
                () -> dao.save(new Member(null, "bob@x", "bob", "FR", 40, "Bob")));
        // moving an existing object into it is refused too
        assertSaveRefused(jedis -> { }, bad, () -> dao.save(ann.withCountry("FR")));
        assertEquals(ann, dao.get(ann.id()).orElseThrow());
    }

    @Test
    void wrongTypeAtAnOldIndexKey() {
        String bad = key(":idx:country:DE");
        assertSaveRefused(jedis -> {
            jedis.del(bad);
            jedis.rpush(bad, "1");
        }, bad, () -> dao.save(ann.withCountry("AT")));
        assertSaveRefused(jedis -> { }, bad, () -> dao.delete(ann.id()));
    }

    @Test
    void wrongTypeAtTheUniqueHash() {
        String bad = key(":uni:handle");
        assertSaveRefused(jedis -> {
            jedis.del(bad);
            jedis.set(bad, "x");
        }, bad, () -> dao.save(new Member(null, "bob@x", "bob", "FR", 40, "Bob")));
        // a save that does not touch the unique hash cannot damage it, so it goes through
        assertEquals(32, dao.save(ann.withAge(32)).age());
        assertEquals("x", raw(jedis -> jedis.get(bad)));
        // deleting ann would release her handle there: refused
        assertSaveRefused(jedis -> { }, bad, () -> dao.delete(ann.id()));
    }

    @Test
    void wrongTypeAtTheSortedIndex() {
        String bad = key(":idx:age");
        assertSaveRefused(jedis -> {
            jedis.del(bad);
            jedis.sadd(bad, "1");
        }, bad, () -> dao.save(new Member(null, "bob@x", "bob", "FR", 40, "Bob")));
    }

    @Test
    void wrongTypeAtTheIdSetAndTheCounter() {
        String counter = key(":ids");
        assertSaveRefused(jedis -> {
            jedis.del(counter);
            jedis.hset(counter, "n", "1");
        }, counter, () -> dao.save(new Member(null, "bob@x", "bob", "FR", 40, "Bob")));
        raw(jedis -> jedis.del(counter));
        String idSet = key(":id");
        assertSaveRefused(jedis -> {
            jedis.del(idSet);
            jedis.set(idSet, "1");
        }, idSet, () -> dao.save(new Member(7L, "bob@x", "bob", "FR", 40, "Bob")));
    }

    @Test
    void wrongTypeAtTheObjectKeyIsRefusedBeforeAnyWrite() {
        String objKey = key(":obj:5");
        raw(jedis -> jedis.set(objKey, "not a hash"));
        SortedMap<String, String> before = snapshot();
        assertThrows(RedaoException.class, () -> dao.save(new Member(5L, "bob@x", "bob", "FR", 40, "Bob")));
        assertUnchanged(before);
    }

    @Test
    void nanInAnIndexedDoubleIsRefused() {
        AllTypesDao all = new AllTypesDao(store);
        SortedMap<String, String> before = snapshot();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> all.save(AllTypes.empty(null).withRatio(Double.NaN)));
        assertTrue(e.getMessage().contains("alltypes.ratio"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> all.saveAll(List.of(
                AllTypes.empty(null).withRatio(1.0), AllTypes.empty(5L).withRatio(Double.NaN))));
        assertUnchanged(before);
        assertEquals(Set.of(), Set.copyOf(keys().stream().filter(k -> k.startsWith(base("alltypes"))).toList()));
    }

    @Test
    void readingAnObjectKeyOfTheWrongTypeIsACorruptDataError() {
        String objKey = key(":obj:5");
        raw(jedis -> jedis.set(objKey, "not a hash"));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> dao.get(5L));
        assertTrue(e.getMessage().contains(objKey), e.getMessage());
        assertThrows(CorruptDataException.class, () -> dao.getAll(List.of(1L, 5L)));
        raw(jedis -> jedis.del(key(":id")));
        raw(jedis -> jedis.set(key(":id"), "x"));
        assertTrue(assertThrows(CorruptDataException.class, () -> dao.count()).getMessage().contains(key(":id")));
        assertThrows(CorruptDataException.class, () -> dao.exists(1L));
    }
}
