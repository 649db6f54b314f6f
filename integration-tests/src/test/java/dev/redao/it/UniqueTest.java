package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.samples.shop.Category;
import dev.redao.samples.shop.Product;
import dev.redao.samples.shop.ProductDao;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unique constraints hold, and a refused save leaves Redis byte-for-byte unchanged. */
class UniqueTest extends RedisTestSupport {
    private MemberDao dao;
    private Member ann;
    private Member bob;

    @BeforeEach
    void twoMembers() {
        dao = new MemberDao(store);
        ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        bob = dao.save(new Member(null, "bob@x", "bob", "FR", 42, "Bob"));
    }

    private String uni(String field) {
        return base("member") + ":uni:" + field;
    }

    private static void assertViolation(UniqueViolationException e, String field, String value, Object holder) {
        assertEquals("member", e.model());
        assertEquals(field, e.field());
        assertEquals(value, e.value());
        assertEquals(holder, e.holderId());
        assertTrue(e.getMessage().contains("member." + field), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(holder)), e.getMessage());
    }

    @Test
    void uniqueEntriesAreStored() {
        assertEquals(Map.of("ann@x", ann.id().toString(), "bob@x", bob.id().toString()), hash(uni("email")));
        assertEquals(Map.of("ann", ann.id().toString(), "bob", bob.id().toString()), hash(uni("handle")));
        assertEquals(Optional.of(ann), dao.getByEmail("ann@x"));
        assertEquals(Optional.of(bob), dao.getByHandle("bob"));
    }

    @Test
    void violationOnInsert() {
        SortedMap<String, String> before = snapshot();
        UniqueViolationException e = assertThrows(UniqueViolationException.class,
                () -> dao.save(new Member(null, "ann@x", "carl", "IT", 20, "Carl")));
        assertViolation(e, "email", "ann@x", ann.id());
        assertUnchanged(before);
        assertEquals(Optional.of(ann), dao.getByEmail("ann@x"));
        assertEquals(Optional.empty(), dao.getByHandle("carl"));
        assertEquals(2, dao.count());
    }

    @Test
    void violationOnInsertWithExplicitIdDoesNotMoveTheCounter() {
        SortedMap<String, String> before = snapshot();
        UniqueViolationException e = assertThrows(UniqueViolationException.class,
                () -> dao.save(new Member(1000L, "x@x", "bob", "IT", 20, "Carl")));
        assertViolation(e, "handle", "bob", bob.id());
        assertUnchanged(before);
        assertEquals(Optional.of(bob), dao.getByHandle("bob"));
        assertFalse(dao.exists(1000L));
    }

    @Test
    void violationOnUpdate() {
        SortedMap<String, String> before = snapshot();
        UniqueViolationException e = assertThrows(UniqueViolationException.class,
                () -> dao.save(new Member(bob.id(), "ann@x", "bob2", "IT", 43, "Bob")));
        assertViolation(e, "email", "ann@x", ann.id());
        assertUnchanged(before);
        assertEquals(Optional.of(ann), dao.getByEmail("ann@x"));
        assertEquals(Optional.of(bob), dao.getByEmail("bob@x"));
        assertEquals(Optional.of(bob), dao.get(bob.id()));
        assertEquals(Optional.empty(), dao.getByHandle("bob2"));
    }

    @Test
    void savingTheSameValueAgainIsNoViolation() {
        Member renamed = dao.save(new Member(ann.id(), "ann@x", "ann", "AT", 32, "Annie"));
        assertEquals(Optional.of(renamed), dao.getByEmail("ann@x"));
        assertEquals(ann.id().toString(), hash(uni("email")).get("ann@x"));
    }

    @Test
    void aReleasedValueCanBeTakenAndNullIsNeverClaimed() {
        dao.save(ann.withEmail("ann@new").withHandle(null));
        assertEquals(Map.of("ann@new", ann.id().toString(), "bob@x", bob.id().toString()), hash(uni("email")));
        assertEquals(Map.of("bob", bob.id().toString()), hash(uni("handle")));
        assertEquals(Optional.empty(), dao.getByEmail("ann@x"));
        assertEquals(Optional.empty(), dao.getByHandle(null));
        Member carl = dao.save(new Member(null, "ann@x", "ann", "IT", 20, "Carl"));
        assertEquals(Optional.of(carl), dao.getByEmail("ann@x"));
        assertEquals(Optional.of(carl), dao.getByHandle("ann"));
        // any number of objects may hold null
        Member d1 = dao.save(new Member(null, null, null, "IT", 1, "D1"));
        Member d2 = dao.save(new Member(null, null, null, "IT", 2, "D2"));
        assertEquals(3, hash(uni("email")).size());
        assertFalse(hash(uni("email")).containsValue(d1.id().toString()));
        assertFalse(hash(uni("email")).containsValue(d2.id().toString()));
    }

    @Test
    void aValueWhoseHolderIsGoneIsFree() {
        // a stale entry (as a crash of an older version could leave): its holder does not exist
        raw(jedis -> jedis.hset(uni("email"), "ghost@x", "999"));
        Member carl = dao.save(new Member(null, "ghost@x", "carl", "IT", 20, "Carl"));
        assertEquals(carl.id().toString(), hash(uni("email")).get("ghost@x"));
        assertEquals(Optional.of(carl), dao.getByEmail("ghost@x"));
    }

    @Test
    void twoObjectsOfOneCallClaimingOneValue() {
        SortedMap<String, String> before = snapshot();
        UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> dao.saveAll(List.of(
                new Member(null, "new@x", "c1", "IT", 20, "C1"),
                new Member(null, "new@x", "c2", "IT", 21, "C2"))));
        assertEquals("email", e.field());
        assertEquals("new@x", e.value());
        assertUnchanged(before);
        assertEquals(Optional.empty(), dao.getByEmail("new@x"));
        assertEquals(2, dao.count());
    }

    @Test
    void aViolationAnywhereInABatchWritesNothing() {
        SortedMap<String, String> before = snapshot();
        UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> dao.saveAll(List.of(
                new Member(null, "c@x", "c", "IT", 20, "C"),
                ann.withCountry("NL").withAge(99),
                new Member(500L, "d@x", "bob", "IT", 21, "D"))));
        assertViolation(e, "handle", "bob", bob.id());
        assertUnchanged(before);
        assertEquals(Optional.of(ann), dao.get(ann.id()));
    }

    @Test
    void anExistingHolderKeepingItsValueInTheSameCallWins() {
        SortedMap<String, String> before = snapshot();
        UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> dao.saveAll(List.of(
                new Member(null, "ann@x", "c", "IT", 20, "C"),
                ann.withAge(50))));
        assertEquals("email", e.field());
        assertEquals("ann@x", e.value());
        assertUnchanged(before);
    }

    @Test
    void twoObjectsExchangeTheirValuesInOneCall() {
        List<Member> swapped = dao.saveAll(List.of(ann.withEmail("bob@x"), bob.withEmail("ann@x")));
        assertEquals(List.of(ann.withEmail("bob@x"), bob.withEmail("ann@x")), swapped);
        assertEquals(Map.of("bob@x", ann.id().toString(), "ann@x", bob.id().toString()), hash(uni("email")));
        assertEquals(Optional.of(ann.withEmail("bob@x")), dao.getByEmail("bob@x"));
        assertEquals(Optional.of(bob.withEmail("ann@x")), dao.getByEmail("ann@x"));
        // and a rotation through three objects, on both unique fields at once
        Member carl = dao.save(new Member(null, "carl@x", "carl", "IT", 20, "Carl"));
        dao.saveAll(List.of(
                new Member(ann.id(), "ann@x", "carl", "DE", 31, "Ann"),
                new Member(bob.id(), "bob@x", "ann", "FR", 42, "Bob"),
                new Member(carl.id(), "carl@x", "bob", "IT", 20, "Carl")));
        assertEquals(Map.of("ann@x", ann.id().toString(), "bob@x", bob.id().toString(), "carl@x", carl.id().toString()),
                hash(uni("email")));
        assertEquals(Map.of("carl", ann.id().toString(), "ann", bob.id().toString(), "bob", carl.id().toString()),
                hash(uni("handle")));
    }

    @Test
    void aReleasedValueCanBeClaimedByANewObjectOfTheSameCall() {
        List<Member> saved = dao.saveAll(List.of(
                new Member(null, "ann@x", "newbie", "IT", 20, "Newbie"),
                ann.withEmail("ann@elsewhere")));
        Member newbie = saved.get(0);
        assertEquals(Optional.of(newbie), dao.getByEmail("ann@x"));
        assertEquals(Optional.of(ann.withEmail("ann@elsewhere")), dao.getByEmail("ann@elsewhere"));
        assertEquals(3, hash(uni("email")).size());
    }

    @Test
    void sameExplicitIdTwiceInOneCallIsRefusedBeforeRedis() {
        SortedMap<String, String> before = snapshot();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> dao.saveAll(List.of(
                new Member(7L, "c@x", "c", "IT", 20, "C"),
                new Member(7L, "d@x", "d", "IT", 21, "D"))));
        assertTrue(e.getMessage().contains("7"), e.getMessage());
        assertUnchanged(before);
        InvalidArgumentException again = assertThrows(InvalidArgumentException.class,
                () -> dao.saveAll(List.of(ann.withAge(1), bob, ann.withAge(2))));
        assertTrue(again.getMessage().contains(ann.id().toString()), again.getMessage());
        assertUnchanged(before);
    }

    @Test
    void classModelUniqueViolation() {
        ProductDao products = new ProductDao(store);
        Product dune = products.save(new Product("BK-1", "Dune", Category.BOOKS, new BigDecimal("9.99"), 1));
        SortedMap<String, String> before = snapshot();
        UniqueViolationException e = assertThrows(UniqueViolationException.class,
                () -> products.save(new Product("BK-1", "Dune 2", Category.BOOKS, BigDecimal.ONE, 1)));
        assertEquals("product", e.model());
        assertEquals("sku", e.field());
        assertEquals("BK-1", e.value());
        assertEquals(dune.getId(), e.holderId());
        assertUnchanged(before);
        assertEquals("Dune", products.getBySku("BK-1").orElseThrow().getTitle());
    }
}
