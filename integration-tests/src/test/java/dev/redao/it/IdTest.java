package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.IntItem;
import dev.redao.it.model.IntItemDao;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.StringItem;
import dev.redao.it.model.StringItemDao;
import dev.redao.it.model.UuidItem;
import dev.redao.it.model.UuidItemDao;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.IdsExhaustedException;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedaoException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Ids assigned by the server's counter, by the client (UUIDs), and given explicitly. */
class IdTest extends RedisTestSupport {

    static Member member(Long id, String email) {
        return new Member(id, email, null, "DE", 30, "M");
    }

    private String counter(String model) {
        return raw(jedis -> jedis.get(base(model) + ":ids"));
    }

    @Test
    void longIdsComeFromTheCounter() {
        MemberDao dao = new MemberDao(store);
        assertFalse(exists(base("member") + ":ids"));
        assertEquals(1L, dao.save(member(null, "a@x")).id());
        assertEquals(2L, dao.save(member(null, "b@x")).id());
        List<Member> batch = dao.saveAll(List.of(member(null, "c@x"), member(null, "d@x"), member(null, "e@x")));
        assertEquals(List.of(3L, 4L, 5L), batch.stream().map(Member::id).toList());
        assertEquals("string", type(base("member") + ":ids"));
        assertEquals("5", counter("member"));
        assertEquals(Set.of("1", "2", "3", "4", "5"), members(base("member") + ":id"));
        for (long id = 1; id <= 5; id++) {
            assertEquals(Long.toString(id), hash(base("member") + ":obj:" + id).get("id"));
        }
    }

    @Test
    void explicitIdMovesTheCounterPastIt() {
        MemberDao dao = new MemberDao(store);
        assertEquals(1L, dao.save(member(null, "a@x")).id());
        assertEquals(100L, dao.save(member(100L, "b@x")).id());
        assertEquals("100", counter("member"));
        assertEquals(101L, dao.save(member(null, "c@x")).id());
        // a smaller explicit id leaves the counter where it is
        assertEquals(50L, dao.save(member(50L, "d@x")).id());
        assertEquals("101", counter("member"));
        assertEquals(102L, dao.save(member(null, "e@x")).id());
        // an explicit id in a batch moves the counter for the objects after it
        List<Member> batch = dao.saveAll(List.of(member(500L, "f@x"), member(null, "g@x")));
        assertEquals(List.of(500L, 501L), batch.stream().map(Member::id).toList());
        assertEquals(Set.of("1", "50", "100", "101", "102", "500", "501"), members(base("member") + ":id"));
    }

    @Test
    void generatedIdsOfABatchSkipTheExplicitIdsOfTheSameBatch() {
        MemberDao dao = new MemberDao(store);
        dao.save(member(null, "a@x")); // counter = 1
        // the server would number the first object 2, which the second object names explicitly
        List<Member> batch = dao.saveAll(List.of(member(null, "b@x"), member(2L, "c@x")));
        assertEquals(2L, batch.get(1).id());
        assertEquals(3L, batch.get(0).id(), "numbered after every explicit id of the call");
        assertEquals("3", counter("member"));
        assertEquals(2, dao.getAll(batch.stream().map(Member::id).toList()).size());
        assertEquals("b@x", dao.get(batch.get(0).id()).orElseThrow().email());
        assertEquals("c@x", dao.get(2L).orElseThrow().email());
        assertEquals(3, dao.count());
    }

    @Test
    void explicitIdsBeyondDoublePrecisionDoNotMakeGeneratedIdsCollide() {
        MemberDao dao = new MemberDao(store);
        long big = (1L << 53) + 1; // not representable as a double (Lua number)
        dao.save(member(big, "big@x"));
        assertEquals(Long.toString(big), counter("member"));
        Member first = dao.save(member(null, "first@x"));
        Member second = dao.save(member(null, "second@x"));
        assertEquals(big + 1, first.id());
        assertEquals(big + 2, second.id());
        assertEquals(3, dao.count());
        assertEquals("big@x", dao.get(big).orElseThrow().email());
        assertEquals("first@x", dao.get(first.id()).orElseThrow().email());
        assertEquals("second@x", dao.get(second.id()).orElseThrow().email());
    }

    @Test
    void integerIdsComeFromTheCounter() {
        IntItemDao dao = new IntItemDao(store);
        assertEquals(1, dao.save(new IntItem(null, "a")).id());
        assertEquals(2, dao.save(new IntItem(null, "b")).id());
        assertEquals(40, dao.save(new IntItem(40, "c")).id());
        assertEquals(41, dao.save(new IntItem(null, "d")).id());
        assertEquals("41", counter("intitem"));
        assertEquals(new IntItem(41, "d"), dao.get(41).orElseThrow());
        assertEquals(Set.of("1", "2", "40", "41"), members(base("intitem") + ":id"));
    }

    @Test
    void stringIdsGetRandomUuids() {
        StringItemDao dao = new StringItemDao(store);
        StringItem a = dao.save(new StringItem(null, "a"));
        StringItem b = dao.save(new StringItem(null, "b"));
        assertNotNull(a.id());
        assertEquals(a.id(), UUID.fromString(a.id()).toString(), "a random UUID in canonical form");
        assertNotEquals(a.id(), b.id());
        assertEquals(Set.of(a.id(), b.id()), members(base("stringitem") + ":id"));
        assertEquals(a.id(), hash(base("stringitem") + ":obj:" + a.id()).get("id"));
        assertFalse(exists(base("stringitem") + ":ids"), "no counter for client-assigned ids");
        assertEquals(a, dao.get(a.id()).orElseThrow());
        assertEquals(b, dao.getByLabel("b").orElseThrow());
        // explicit string ids, with characters that appear in keys
        StringItem odd = dao.save(new StringItem("user:42 ✓ {x}", "odd"));
        assertEquals(odd, dao.get("user:42 ✓ {x}").orElseThrow());
        assertTrue(exists(base("stringitem") + ":obj:user:42 ✓ {x}"));
        assertEquals("user:42 ✓ {x}", hash(base("stringitem") + ":uni:label").get("odd"));
    }

    @Test
    void uuidIdsGetRandomUuids() {
        UuidItemDao dao = new UuidItemDao(store);
        List<UuidItem> saved = dao.saveAll(List.of(new UuidItem(null, "a"), new UuidItem(null, "b"), new UuidItem(null, "c")));
        Set<UUID> ids = saved.stream().map(UuidItem::id).collect(Collectors.toSet());
        assertEquals(3, ids.size());
        assertEquals(ids.stream().map(UUID::toString).collect(Collectors.toSet()), members(base("uuiditem") + ":id"));
        assertEquals(4, UUID.fromString(saved.get(0).id().toString()).version());
        assertFalse(exists(base("uuiditem") + ":ids"));
        UUID explicit = UUID.fromString("00000000-0000-0000-0000-000000000001");
        dao.save(new UuidItem(explicit, "d"));
        assertEquals(new UuidItem(explicit, "d"), dao.get(explicit).orElseThrow());
        assertEquals(Set.of(explicit.toString()), members(base("uuiditem") + ":idx:label:d"));
        assertEquals(saved, dao.getAll(saved.stream().map(UuidItem::id).toList()));
        assertEquals(new HashSet<>(List.of("a", "b", "c", "d")),
                dao.getAll(List.of(saved.get(0).id(), saved.get(1).id(), saved.get(2).id(), explicit)).stream()
                        .map(UuidItem::label).collect(Collectors.toSet()));
    }

    @Test
    void savingAnExistingIdReplacesTheObject() {
        MemberDao dao = new MemberDao(store);
        Member a = dao.save(member(null, "a@x"));
        dao.save(new Member(a.id(), "a@x", "ah", "FR", 31, null));
        assertEquals(new Member(a.id(), "a@x", "ah", "FR", 31, null), dao.get(a.id()).orElseThrow());
        assertEquals(1, dao.count());
        assertFalse(hash(base("member") + ":obj:" + a.id()).containsKey("name"), "a field set to null is removed");
        assertEquals("1", counter("member"));
    }

    @Test
    void aCounterThatWouldOverflowTheIdTypeIsRefusedBeforeAnyWrite() {
        IntItemDao dao = new IntItemDao(store);
        dao.save(new IntItem(Integer.MAX_VALUE, "last"));
        var before = snapshot();
        IdsExhaustedException e = assertThrows(IdsExhaustedException.class, () -> dao.save(new IntItem(null, "one too many")));
        assertTrue(e.getMessage().contains("2147483648") && e.getMessage().contains("2147483647"), e.getMessage());
        assertTrue(e.reason().contains("2147483648"), e.reason());
        assertFalse(e.isRetryable());
        assertUnchanged(before);
        assertEquals(IdsExhaustedException.class, assertThrows(RedaoException.class,
                () -> dao.saveAll(List.of(new IntItem(null, "x"), new IntItem(null, "y")))).getClass());
        assertUnchanged(before);
        assertEquals(1L, dao.count());
    }

    /**
     * A counter at the largest long: INCR would overflow, which Redis refuses. That is the end of the
     * ids, not a corrupt counter, on every path that takes ids: a single save (INCR in its script),
     * a batch of one script (the write module), a large all-or-nothing batch (INCRBY before its
     * first script) and a large batch that mixes given and new ids (the reserving script).
     */
    @Test
    void aLongCounterAtTheLargestLongHasNoMoreIdsOnEveryPath() {
        MemberDao dao = new MemberDao(store);
        dao.save(member(null, "a@x"));
        raw(jedis -> jedis.set(base("member") + ":ids", Long.toString(Long.MAX_VALUE)));
        var before = snapshot();
        List<Member> large = new ArrayList<>();
        for (int i = 0; i <= ModelDao.BATCH_SIZE; i++) {
            large.add(member(null, "m" + i + "@x"));
        }
        List<Member> mixed = new ArrayList<>(large);
        mixed.set(0, member(5L, "five@x"));
        assertAll(
                () -> assertEquals(IdsExhaustedException.class,
                        assertThrows(RedaoException.class, () -> dao.save(member(null, "b@x"))).getClass()),
                () -> assertEquals(IdsExhaustedException.class,
                        assertThrows(RedaoException.class, () -> dao.saveAll(List.of(member(null, "b@x"), member(null, "c@x")))).getClass()),
                () -> assertEquals(IdsExhaustedException.class,
                        assertThrows(RuntimeException.class, () -> dao.saveAll(large, BatchMode.ALL_OR_NOTHING)).getClass()),
                () -> assertEquals(IdsExhaustedException.class,
                        assertThrows(RuntimeException.class, () -> dao.saveAll(mixed)).getClass()));
        IdsExhaustedException e = assertThrows(IdsExhaustedException.class, () -> dao.save(member(null, "b@x")));
        assertTrue(e.getMessage().contains(base("member") + ":ids"), e.getMessage());
        assertTrue(e.reason().contains("overflow"), "Redis's own words: " + e.reason());
        assertUnchanged(before);
    }

    /** A counter that holds no integer is corrupt, on the INCRBY of a large batch too. */
    @Test
    void aCounterThatHoldsNoIntegerIsCorruptOnEveryPath() {
        MemberDao dao = new MemberDao(store);
        dao.save(member(null, "a@x"));
        raw(jedis -> jedis.set(base("member") + ":ids", "abc"));
        var before = snapshot();
        List<Member> large = new ArrayList<>();
        for (int i = 0; i <= ModelDao.BATCH_SIZE; i++) {
            large.add(member(null, "m" + i + "@x"));
        }
        assertAll(
                () -> assertThrows(CorruptDataException.class, () -> dao.save(member(null, "b@x"))),
                () -> assertEquals(CorruptDataException.class,
                        assertThrows(RuntimeException.class, () -> dao.saveAll(large, BatchMode.ALL_OR_NOTHING)).getClass()));
        assertUnchanged(before);
    }

    /** A single save takes its id with INCR and gives it back when it is refused. */
    @Test
    void aSingleSaveRefusedAfterAResetCounterGivesTheIdBack() {
        MemberDao dao = new MemberDao(store);
        dao.saveAll(List.of(member(null, "a@x"), member(null, "b@x")));
        raw(jedis -> jedis.del(base("member") + ":ids"));
        var before = snapshot();
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> dao.save(member(null, "c@x")));
        assertTrue(e.getMessage().contains("would assign 1") && e.getMessage().contains("nothing was written"), e.getMessage());
        assertUnchanged(before);
        raw(jedis -> jedis.set(base("member") + ":ids", "1"));
        before = snapshot();
        e = assertThrows(CorruptDataException.class, () -> dao.save(member(null, "c@x")));
        assertTrue(e.getMessage().contains("would assign 2"), e.getMessage());
        assertUnchanged(before);
        assertEquals("1", counter("member"));
    }

    @Test
    void aCounterResetBehindTheObjectsIsRefusedBeforeItOverwritesOne() {
        MemberDao dao = new MemberDao(store);
        dao.saveAll(List.of(member(null, "a@x"), member(null, "b@x")));
        raw(jedis -> jedis.del(base("member") + ":ids"));
        var before = snapshot();
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> dao.saveAll(List.of(member(null, "c@x"), member(null, "d@x"))));
        assertTrue(e.getMessage().contains("would assign 1") && e.getMessage().contains("nothing was written"), e.getMessage());
        assertUnchanged(before);
        assertEquals("a@x", dao.get(1L).orElseThrow().email());

        // a single save, which takes the model's straight-line script, refuses it the same way
        e = assertThrows(CorruptDataException.class, () -> dao.save(member(null, "c@x")));
        assertTrue(e.getMessage().contains("would assign 1") && e.getMessage().contains("nothing was written"), e.getMessage());
        assertUnchanged(before);
    }
}
