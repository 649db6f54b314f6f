package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.AllTypes;
import dev.redao.it.model.AllTypesDao;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.samples.shop.Category;
import dev.redao.samples.shop.Product;
import dev.redao.samples.shop.ProductDao;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deletes leave nothing behind; reads find what exists, in the order asked. */
class DeleteAndReadTest extends RedisTestSupport {
    private MemberDao dao;
    private Member ann;
    private Member bob;
    private Member carl;

    @BeforeEach
    void threeMembers() {
        dao = new MemberDao(store);
        ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        bob = dao.save(new Member(null, "bob@x", "bob", "DE", 42, "Bob"));
        carl = dao.save(new Member(null, "carl@x", null, "FR", 20, null));
    }

    @Test
    void deleteLeavesNoKeyOfTheObject() {
        assertTrue(dao.delete(ann.id()));
        assertEquals(List.of(), keysMentioning("member", "1"));
        assertFalse(exists(base("member") + ":obj:1"));
        assertEquals(Set.of("2"), members(base("member") + ":idx:country:DE"));
        assertEquals(Map.of("bob@x", "2", "carl@x", "3"), hash(base("member") + ":uni:email"));
        assertEquals(Map.of("bob", "2"), hash(base("member") + ":uni:handle"));
        assertEquals(Optional.empty(), dao.get(ann.id()));
        assertEquals(Optional.empty(), dao.getByEmail("ann@x"));
        assertFalse(dao.exists(ann.id()));
        assertEquals(2, dao.count());

        assertTrue(dao.delete(carl.id()));
        assertFalse(exists(base("member") + ":idx:country:FR"), "the emptied index set is gone");
        assertTrue(dao.delete(bob.id()));
        assertEquals(Set.of(base("member") + ":ids", base("member") + ":schema"), keys(), "only the id counter and the stored schema are left");
        assertEquals(0, dao.count());
    }

    @Test
    void deleteOfEveryFieldKind() {
        AllTypesDao all = new AllTypesDao(store);
        AllTypes a = all.save(RoundTripTest.full(null));
        AllTypes b = all.save(RoundTripTest.full(null));
        assertTrue(all.delete(a.id()));
        assertEquals(List.of(), keysMentioning("alltypes", a.id().toString()));
        assertTrue(all.delete(b.id()));
        assertTrue(keys().stream().noneMatch(k -> k.startsWith(base("alltypes")) && !k.endsWith(":ids") && !k.endsWith(":schema")),
                keys().toString());

        ProductDao products = new ProductDao(store);
        Product p = new Product("SKU-1", "Thing", Category.TOOLS, new BigDecimal("1.50"), 3);
        p.setUpdatedAt(Instant.now());
        products.save(p);
        assertTrue(products.delete(p.getId()));
        assertEquals(Set.of(base("product") + ":ids", base("product") + ":schema"),
                Set.copyOf(keys().stream().filter(k -> k.startsWith(base("product"))).toList()));
        assertEquals(Optional.empty(), products.getBySku("SKU-1"));
    }

    @Test
    void deleteOfAMissingIdReturnsFalseAndChangesNothing() {
        SortedMap<String, String> before = snapshot();
        assertFalse(dao.delete(99L));
        assertEquals(0, dao.deleteAll(List.of(98L, 99L)));
        assertEquals(0, dao.deleteAll(List.of()));
        assertUnchanged(before);
    }

    @Test
    void deleteAllCountsTheObjectsThatExisted() {
        assertEquals(2, dao.deleteAll(List.of(ann.id(), 99L, carl.id(), ann.id())));
        assertEquals(List.of(bob), dao.getAll(List.of(ann.id(), bob.id(), carl.id())));
        assertEquals(1, dao.count());
        assertEquals(1, dao.deleteAll(List.of(bob.id())));
        assertEquals(Set.of(base("member") + ":ids", base("member") + ":schema"), keys());
    }

    @Test
    void aDeletedObjectsUniqueValueIsFreeAgain() {
        dao.delete(ann.id());
        Member again = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann again"));
        assertEquals(Optional.of(again), dao.getByEmail("ann@x"));
        assertEquals(4L, again.id());
    }

    @Test
    void getAllReturnsWhatExistsInTheOrderAsked() {
        assertEquals(List.of(carl, ann, bob), dao.getAll(List.of(carl.id(), 77L, ann.id(), bob.id(), 78L)));
        assertEquals(List.of(bob, bob), dao.getAll(List.of(bob.id(), bob.id())));
        assertEquals(List.of(), dao.getAll(List.of(77L)));
        assertEquals(List.of(), dao.getAll(List.of()));
    }

    @Test
    void getByUniqueValue() {
        assertEquals(Optional.of(bob), dao.getByEmail("bob@x"));
        assertEquals(Optional.of(ann), dao.getByHandle("ann"));
        assertEquals(Optional.empty(), dao.getByEmail("nobody@x"));
        assertEquals(Optional.empty(), dao.getByEmail(""));
        assertEquals(Optional.empty(), dao.getByEmail(null));
        assertEquals(Optional.empty(), dao.getByHandle("ANN"), "values are compared exactly");
    }

    @Test
    void existsAndCount() {
        assertTrue(dao.exists(ann.id()));
        assertFalse(dao.exists(4L));
        assertEquals(3, dao.count());
        assertEquals(Optional.empty(), dao.get(4L));
        assertEquals(3L, this.<Long>raw(jedis -> jedis.scard(base("member") + ":id")));
        assertEquals(0, new AllTypesDao(store).count());
    }
}
