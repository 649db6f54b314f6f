package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.AllTypes;
import dev.redao.it.model.AllTypesDao;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.Note;
import dev.redao.it.model.NoteDao;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Updates move index entries; nothing stale stays behind. */
class IndexTest extends RedisTestSupport {
    private MemberDao dao;

    @BeforeEach
    void dao() {
        dao = new MemberDao(store);
    }

    private String idx(String field) {
        return base("member") + ":idx:" + field;
    }

    @Test
    void updateMovesSetIndexEntries() {
        Member ann = dao.save(new Member(null, "ann@x", null, "DE", 31, "Ann"));
        Member bob = dao.save(new Member(null, "bob@x", null, "DE", 42, "Bob"));
        assertEquals(Set.of("1", "2"), members(idx("country:DE")));

        dao.save(ann.withCountry("FR"));
        assertEquals(Set.of("2"), members(idx("country:DE")));
        assertEquals(Set.of("1"), members(idx("country:FR")));

        dao.save(bob.withCountry("FR"));
        assertFalse(exists(idx("country:DE")), "the emptied index set is gone");
        assertEquals(Set.of("1", "2"), members(idx("country:FR")));
        assertEquals("FR", hash(base("member") + ":obj:1").get("country"));
        // country is @Indexed(prefix = true), so it also has a lexicographic index (value, NUL, id),
        // which moves as well
        assertEquals(List.of("FR\u00001", "FR\u00002"), raw(jedis -> jedis.zrange(base("member") + ":lex:country", 0, -1)));
    }

    @Test
    void updateMovesSortedIndexScores() {
        Member ann = dao.save(new Member(null, "ann@x", null, "DE", 31, "Ann"));
        assertEquals(31.0, score(idx("age"), "1"));
        dao.save(ann.withAge(-7));
        assertEquals(-7.0, score(idx("age"), "1"));
        assertEquals(1L, this.<Long>raw(jedis -> jedis.zcard(idx("age"))));
        assertEquals("-7", hash(base("member") + ":obj:1").get("age"));
    }

    @Test
    void fieldSetToNullLeavesHashAndIndex() {
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        dao.save(new Member(ann.id(), null, "ann", null, 31, null));
        Map<String, String> h = hash(base("member") + ":obj:1");
        assertEquals(Map.of("id", "1", "handle", "ann", "age", "31"), h);
        assertTrue(keys().stream().noneMatch(k -> k.startsWith(idx("country")) || k.startsWith(base("member") + ":lex:")),
                keys().toString());
        assertFalse(exists(base("member") + ":uni:email"), "the only email entry is gone");
        assertEquals(Optional.empty(), dao.getByEmail("ann@x"));
        assertEquals(new Member(ann.id(), null, "ann", null, 31, null), dao.get(ann.id()).orElseThrow());
    }

    @Test
    void sortedFieldSetToNullLeavesItsSortedSet() {
        AllTypesDao all = new AllTypesDao(store);
        AllTypes full = all.save(RoundTripTest.full(null));
        AllTypes other = all.save(RoundTripTest.full(null));
        String b = base("alltypes");
        String id = full.id().toString();
        for (String f : List.of("amount", "at", "day", "when", "time", "length", "count", "ratio")) {
            assertTrue(score(b + ":idx:" + f, id) != null, f);
        }
        all.save(AllTypes.empty(full.id()));
        for (String f : List.of("amount", "at", "day", "when", "time", "length")) {
            assertNull(score(b + ":idx:" + f, id), f + " is null now");
            assertTrue(score(b + ":idx:" + f, other.id().toString()) != null, f + " of the other object stays");
            assertFalse(hash(b + ":obj:" + id).containsKey(f));
        }
        assertEquals(0.0, score(b + ":idx:count", id), "a primitive is scored with its new value");
        for (String f : List.of("text", "color", "ref")) {
            String prefix = b + ":idx:" + f + ":";
            for (String k : keys()) {
                if (k.startsWith(prefix)) {
                    assertEquals(Set.of(other.id().toString()), members(k), k);
                }
            }
        }
        assertEquals(Set.of(id), members(b + ":idx:flag:0"));
        assertEquals(Set.of(other.id().toString()), members(b + ":idx:flag:1"));
    }

    @Test
    void inheritedFieldsOfAClassCompiledInAnotherModuleAreStoredAndIndexed() {
        NoteDao notes = new NoteDao(store);
        Note note = new Note("redis", "Lua scripts are atomic");
        Instant t1 = Instant.parse("2024-03-01T10:00:00.250Z");
        note.setUpdatedAt(t1);
        note.setUpdatedBy("ann");
        notes.save(note);
        String b = base("note");
        String id = note.getId().toString();
        assertEquals(Map.of("id", id, "updatedAt", "2024-03-01T10:00:00.250Z", "updatedBy", "ann", "topic", "redis",
                "body", "Lua scripts are atomic"), hash(b + ":obj:" + id));
        assertEquals("zset", type(b + ":idx:updatedAt"));
        assertEquals((double) t1.toEpochMilli(), score(b + ":idx:updatedAt", id));
        assertEquals(Set.of(id), members(b + ":idx:topic:redis"));

        Note read = notes.get(note.getId()).orElseThrow();
        assertEquals(t1, read.getUpdatedAt());
        assertEquals("ann", read.getUpdatedBy());
        assertEquals("redis", read.getTopic());

        read.touch("bob");
        notes.save(read);
        Instant t2 = read.getUpdatedAt();
        assertEquals(t2.getEpochSecond() * 1000.0 + t2.getNano() / 1e6, score(b + ":idx:updatedAt", id), 1e-3);
        assertEquals("bob", hash(b + ":obj:" + id).get("updatedBy"));

        read.setUpdatedAt(null);
        notes.save(read);
        assertFalse(exists(b + ":idx:updatedAt"));
        assertNull(notes.get(note.getId()).orElseThrow().getUpdatedAt());
    }
}
