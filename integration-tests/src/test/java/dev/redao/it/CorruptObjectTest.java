package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Login;
import dev.redao.it.model.LoginDao;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.it.model.Meter;
import dev.redao.it.model.MeterDao;
import dev.redao.it.rel.Customer;
import dev.redao.it.rel.CustomerDao;
import dev.redao.it.rel.CustomerQuery;
import dev.redao.it.rel.Order;
import dev.redao.it.rel.OrderDao;
import dev.redao.it.rel.OrderQuery;
import dev.redao.it.rel.Review;
import dev.redao.it.rel.ReviewDao;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.CorruptDataException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A corrupt object: a hash at an object's key whose id field is missing while it holds fields of
 * the model, or names another id. Redao never writes one. Every read that loads it raises
 * CorruptDataException naming the model, the key and the id field; exists, count and ids go by
 * the id set, as for any object; a delete removes it with its index and unique entries; every
 * other write refuses it and leaves Redis as it was.
 */
class CorruptObjectTest extends RedisTestSupport {
    private MemberDao dao;
    private Member ann;
    private Member bob;
    private String bobKey;

    @BeforeEach
    void twoMembers() {
        dao = new MemberDao(store);
        ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        bob = dao.save(new Member(null, "bob@x", "bob", "DE", 40, "Bob"));
        bobKey = base("member") + ":obj:" + bob.id();
    }

    /** Each call throws CorruptDataException naming the model, the key and the id field. */
    private static void assertCorrupt(Map<String, Executable> calls, String model, String key, String idField) {
        for (Map.Entry<String, Executable> call : calls.entrySet()) {
            CorruptDataException e = assertThrows(CorruptDataException.class, call.getValue(), call.getKey());
            String m = e.getMessage();
            assertTrue(m.contains(key), call.getKey() + " names the key: " + m);
            assertTrue(m.replace(key, "").contains(model), call.getKey() + " names the model: " + m);
            assertTrue(m.contains("'" + idField + "'"), call.getKey() + " names the id field: " + m);
        }
    }

    private Map<String, Executable> reads() {
        Map<String, Executable> reads = new LinkedHashMap<>();
        reads.put("get", () -> dao.get(bob.id()));
        reads.put("getAll", () -> dao.getAll(List.of(ann.id(), bob.id())));
        reads.put("getByEmail", () -> dao.getByEmail("bob@x"));
        reads.put("getByHandle", () -> dao.getByHandle("bob"));
        reads.put("list", () -> dao.query().list());
        reads.put("filter", () -> dao.query().filter(MemberQuery.country.eq("DE")).list());
        reads.put("filter on a unique field", () -> dao.query().filter(MemberQuery.email.eq("bob@x")).list());
        reads.put("sorted", () -> dao.query().sortBy(MemberQuery.age.desc()).first());
        reads.put("loadOnly", () -> dao.query().loadOnly(MemberQuery.name).list());
        return reads;
    }

    private Map<String, Executable> writes() {
        Map<String, Executable> writes = new LinkedHashMap<>();
        writes.put("save", () -> dao.save(bob.withAge(41)));
        writes.put("save changing every indexed field", () -> dao.save(new Member(bob.id(), "b@y", "b", "FR", 50, "B")));
        writes.put("update", () -> dao.update(bob.withCountry("FR"), MemberQuery.country));
        writes.put("saveAll", () -> dao.saveAll(List.of(ann.withAge(32), bob.withAge(41))));
        writes.put("transaction", () -> store.transaction(tx -> tx.save(dao, bob.withAge(41))));
        return writes;
    }

    /**
     * A large all-or-nothing batch that meets the corrupt object writes none of its objects; as
     * for any refusal of such a batch, the ids it reserved stay taken (docs/dao.md, "Large batches").
     */
    private void assertLargeBatchRefused(String key) {
        List<Member> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(new Member(null, "m" + i + "@x", "m" + i, "AT", i, "M"));
        }
        batch.add(bob.withAge(41));
        SortedMap<String, String> before = snapshot();
        assertCorrupt(Map.of("large all-or-nothing saveAll", () -> dao.saveAll(batch, BatchMode.ALL_OR_NOTHING)),
                "member", key, "id");
        SortedMap<String, String> after = snapshot();
        before.remove(base("member") + ":ids");
        after.remove(base("member") + ":ids");
        assertEquals(before, after);
    }

    /** Every write but a delete is refused, and leaves Redis exactly as it was. */
    private void assertWritesRefused(Map<String, Executable> writes, String model, String key, String idField) {
        SortedMap<String, String> before = snapshot();
        for (Map.Entry<String, Executable> write : writes.entrySet()) {
            assertCorrupt(Map.of(write.getKey(), write.getValue()), model, key, idField);
            assertUnchanged(before);
        }
    }

    private void assertBobDeleted() {
        assertEquals(List.of(), keysMentioning("member", String.valueOf(bob.id())));
        assertFalse(dao.exists(bob.id()));
        assertEquals(1, dao.count());
        assertEquals(List.of(ann), dao.query().list());
        // his unique values are free again
        assertEquals("bob@x", dao.save(new Member(null, "bob@x", "bob", "DE", 40, "Bob 2")).email());
    }

    @Test
    void aHashWithoutItsIdIsACorruptObjectToEveryRead() {
        raw(jedis -> jedis.hdel(bobKey, "id"));
        assertCorrupt(reads(), "member", bobKey, "id");
        // exists, count and ids go by the id set, which names it
        assertTrue(dao.exists(bob.id()));
        assertEquals(2, dao.count());
        assertEquals(List.of(ann.id(), bob.id()), dao.query().ids());
    }

    @Test
    void aHashWithoutItsIdAndTheFieldsAQueryLoadsIsFoundByItsOtherFields() {
        raw(jedis -> jedis.hdel(bobKey, "id", "email", "handle", "country", "age"));
        assertCorrupt(Map.of("loadOnly", () -> dao.query().loadOnly(MemberQuery.age).list(),
                "get", () -> dao.get(bob.id())), "member", bobKey, "id");
    }

    @Test
    void everyWriteButADeleteRefusesAHashWithoutItsId() {
        raw(jedis -> jedis.hdel(bobKey, "id"));
        assertWritesRefused(writes(), "member", bobKey, "id");
        assertLargeBatchRefused(bobKey);
        // with only fields that the save does not read otherwise (no index, no unique value)
        raw(jedis -> jedis.hdel(bobKey, "email", "handle", "country", "age"));
        assertWritesRefused(Map.of("save", () -> dao.save(bob)), "member", bobKey, "id");
    }

    @Test
    void aDeleteRemovesAHashWithoutItsIdWithItsEntries() {
        raw(jedis -> jedis.hdel(bobKey, "id"));
        assertTrue(dao.delete(bob.id()));
        assertBobDeleted();
    }

    /** Its hash holds only a field that no index or unique value reads: it is an object all the same. */
    @Test
    void aDeleteRemovesAHashWithoutItsIdThatHoldsOnlyAPlainField() {
        raw(jedis -> jedis.hdel(bobKey, "id", "email", "handle", "country", "age"));
        assertTrue(dao.delete(bob.id()));
        assertEquals(Boolean.FALSE, raw(jedis -> jedis.exists(bobKey)));
        assertFalse(dao.exists(bob.id()));
        assertEquals(List.of(ann), dao.query().list());
    }

    @Test
    void deleteAllAndAQueryDeleteRemoveAHashWithoutItsId() {
        raw(jedis -> jedis.hdel(bobKey, "id"));
        assertEquals(1, dao.deleteAll(List.of(bob.id(), 99L)));
        assertBobDeleted();
        Member again = dao.query().filter(MemberQuery.email.eq("bob@x")).first().orElseThrow();
        raw(jedis -> jedis.hdel(base("member") + ":obj:" + again.id(), "id"));
        assertEquals(1, dao.query().filter(MemberQuery.country.eq("DE")).exclude(MemberQuery.email.eq("ann@x")).delete());
        assertEquals(List.of(), keysMentioning("member", String.valueOf(again.id())));
    }

    @Test
    void aHashWhoseIdFieldNamesAnotherIdIsCorrupt() {
        raw(jedis -> jedis.hset(bobKey, "id", "7"));
        Map<String, Executable> reads = reads();
        assertCorrupt(reads, "member", bobKey, "id");
        assertTrue(assertThrows(CorruptDataException.class, () -> dao.get(bob.id())).getMessage().contains("'7'"));
        assertWritesRefused(writes(), "member", bobKey, "id");
        assertLargeBatchRefused(bobKey);
        assertTrue(dao.delete(bob.id()));
        assertBobDeleted();
    }

    @Test
    void aHashWithNoFieldOfTheModelIsNoObject() {
        String key = base("member") + ":obj:9";
        raw(jedis -> jedis.hset(key, "legacy", "x"));
        assertTrue(dao.get(9L).isEmpty());
        assertEquals(List.of(ann), dao.getAll(List.of(ann.id(), 9L)));
        assertFalse(dao.delete(9L));
        Member nine = dao.save(new Member(9L, "nine@x", "nine", "NL", 9, "Nine"));
        assertEquals(nine, dao.get(9L).orElseThrow());
    }

    @Test
    void aRelatedObjectWithoutItsIdIsCorrupt() {
        CustomerDao customers = new CustomerDao(store);
        OrderDao orders = new OrderDao(store);
        Customer c = customers.save(new Customer(null, "c@x", "DE", "Cee"));
        orders.save(new Order(null, c.id(), "open", 5));
        String customerKey = nsKey("{shop}:customer:obj:" + c.id());
        // the fields a related load of some fields reads are gone too: the others tell
        raw(jedis -> jedis.hdel(customerKey, "id", "country"));
        assertCorrupt(Map.of(
                "loadRelated", () -> orders.query().loadRelated(OrderQuery.customerId, customers).list(),
                "loadRelated of some fields", () -> orders.query()
                        .loadRelated(OrderQuery.customerId, customers, CustomerQuery.country).list()),
                "customer", customerKey, "id");
    }

    @Test
    void deletesThatFollowReferencesRemoveCorruptReferrersAndRefuseToClearThem() {
        CustomerDao customers = new CustomerDao(store);
        OrderDao orders = new OrderDao(store);
        ReviewDao reviews = new ReviewDao(store);
        Customer c = customers.save(new Customer(null, "c@x", "DE", "Cee"));
        Order order = orders.save(new Order(null, c.id(), "open", 5));
        Review review = reviews.save(new Review(null, c.id(), "fine", 0));
        String reviewKey = nsKey("{shop}:review:obj:" + review.id());
        raw(jedis -> jedis.hdel(reviewKey, "id"));
        // SET_NULL would write to the corrupt review: refused, nothing written
        assertWritesRefused(Map.of("delete of the customer", () -> customers.delete(c.id())), "review", reviewKey, "id");
        raw(jedis -> jedis.del(reviewKey));
        raw(jedis -> jedis.srem(nsKey("{shop}:review:id"), String.valueOf(review.id())));
        raw(jedis -> jedis.srem(nsKey("{shop}:review:idx:authorId:" + c.id()), String.valueOf(review.id())));
        // CASCADE deletes the corrupt order
        raw(jedis -> jedis.hdel(nsKey("{shop}:order:obj:" + order.id()), "id"));
        assertTrue(customers.delete(c.id()));
        assertEquals(Map.of(), raw(jedis -> jedis.hgetAll(nsKey("{shop}:order:obj:" + order.id()))));
        assertEquals(0, orders.count());
        assertEquals(List.of(), orders.query().filter(OrderQuery.status.eq("open")).ids());
    }

    @Test
    void aPartitionedModelsCorruptObject() {
        MeterDao meters = new MeterDao(store);
        Meter m = meters.save(new Meter(null, "s1", 1.0, 3, "n"));
        meters.save(new Meter(null, "s2", 2.0, 4, "o"));
        String key = keys().stream().filter(k -> k.endsWith(":obj:" + m.id())).findFirst().orElseThrow();
        raw(jedis -> jedis.hdel(key, "id"));
        assertCorrupt(Map.of("get", () -> meters.get(m.id()), "getAll", () -> meters.getAll(List.of(m.id())),
                "list", () -> meters.query().list()), "meter", key, "id");
        assertWritesRefused(Map.of("save", () -> meters.save(m),
                // two objects of one partition: one script
                "saveAll", () -> meters.saveAll(List.of(m, new Meter(m.id() + 6, "s3", 3.0, 5, "p")))), "meter", key, "id");
        assertTrue(meters.delete(m.id()));
        assertFalse(exists(key));
        assertEquals(1, meters.query().list().size());
        assertEquals(1, meters.count());
    }

    @Test
    void aPartitionedModelWithUniqueValuesGivesItsClaimsUpWhenItMeetsACorruptObject() {
        LoginDao logins = new LoginDao(store);
        Login a = logins.save(new Login(null, "a@x", "a", "DE", 0));
        String key = keys().stream().filter(k -> k.endsWith(":obj:" + a.id())).findFirst().orElseThrow();
        raw(jedis -> jedis.hdel(key, "id"));
        assertCorrupt(Map.of("getByEmail", () -> logins.getByEmail("a@x")), "login", key, "id");
        // its own save, and another object's save of a value the corrupt object holds
        assertWritesRefused(Map.of("save", () -> logins.save(a.withEmail("b@x")),
                "taking its value", () -> logins.save(new Login(null, "c@x", "a", "FR", 0))), "login", key, "id");
        assertTrue(logins.delete(a.id()));
        assertEquals("a", logins.save(new Login(null, "a@x", "a", "FR", 0)).nick());
    }
}
