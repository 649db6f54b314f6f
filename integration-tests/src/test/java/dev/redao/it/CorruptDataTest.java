package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.AllTypes;
import dev.redao.it.model.AllTypesDao;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.it.model.Meter;
import dev.redao.it.model.MeterDao;
import dev.redao.it.model.MeterQuery;
import dev.redao.it.model.StringItem;
import dev.redao.it.model.StringItemDao;
import dev.redao.it.rel.Customer;
import dev.redao.it.rel.CustomerDao;
import dev.redao.it.rel.CustomerQuery;
import dev.redao.it.rel.Order;
import dev.redao.it.rel.OrderDao;
import dev.redao.it.rel.OrderQuery;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.CorruptValueException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedaoException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
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

    /** Bytes that are no UTF-8: a lone continuation byte, a byte never used, a surrogate, a cut sequence, an overlong '/'. */
    private static final byte[][] NOT_UTF8 = {
        {'a', (byte) 0x80, 'b'}, {'B', (byte) 0xff, 'b'}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {'x', (byte) 0xe2, (byte) 0x82},
        {(byte) 0xc0, (byte) 0xaf}};

    private void hsetBytes(String key, String field, byte[] value) {
        raw(jedis -> jedis.hset(key.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8), value));
    }

    @Test
    void invalidUtf8InAStringIsACorruptValueOnEveryRead() {
        dao.save(new Member(null, "bob@x", "bob", "DE", 40, "Bob"));
        String objKey = key(":obj:1");
        for (byte[] bad : NOT_UTF8) {
            hsetBytes(objKey, "name", bad);
            assertEveryReadNames(CorruptValueException.class, memberReads(), "member", objKey, "name");
            CorruptValueException e = assertThrows(CorruptValueException.class, () -> dao.get(1L));
            assertEquals("name", e.field());
            assertEquals(objKey, e.key());
            assertEquals("member", e.model());
            assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        }
        // text that holds U+FFFD itself is valid, and reads back as it was saved
        Member replacement = dao.save(ann.withId(1L).withHandle("a\uFFFDn"));
        assertEquals(replacement, dao.get(1L).orElseThrow());
        assertEquals("a\uFFFDn", dao.query().filter(MemberQuery.handle.eq("a\uFFFDn")).first().orElseThrow().handle());
    }

    @Test
    void invalidUtf8InOtherTypesOfTextIsACorruptValue() {
        AllTypesDao all = new AllTypesDao(store);
        long id = all.save(RoundTripTest.full(null)).id();
        String objKey = base("alltypes") + ":obj:" + id;
        for (String field : List.of("text", "letter", "letterBox", "color", "tags", "counts", "dims")) {
            String good = raw(jedis -> jedis.hget(objKey, field));
            byte[] bad = switch (field) {
                case "letter", "letterBox" -> new byte[] {(byte) 0xff};
                case "tags" -> new byte[] {'[', '"', 'a', (byte) 0xff, '"', ']'};
                case "counts" -> new byte[] {'{', '"', (byte) 0xc3, '"', ':', '1', '}'};
                case "dims" -> new byte[] {'{', '"', 'w', 'i', 'd', 't', 'h', '"', ':', (byte) 0xff, '}'};
                default -> new byte[] {'R', 'E', (byte) 0xe9, 'D'};
            };
            hsetBytes(objKey, field, bad);
            CorruptValueException e = assertThrows(CorruptValueException.class, () -> all.get(id), field);
            assertEquals(objKey, e.key());
            assertEquals(field, e.field());
            raw(jedis -> jedis.hset(objKey, field, good));
            all.get(id); // readable again
        }
    }

    @Test
    void invalidUtf8InARelatedObjectIsACorruptValue() {
        CustomerDao customers = new CustomerDao(store);
        OrderDao orders = new OrderDao(store);
        Customer c = customers.save(new Customer(null, "c@x", "DE", "Cee"));
        orders.save(new Order(null, c.id(), "open", 5));
        String customerKey = nsKey("{shop}:customer:obj:" + c.id());
        hsetBytes(customerKey, "country", new byte[] {(byte) 0xc3});
        assertEveryReadNames(CorruptValueException.class, Map.of(
                "loadRelated", () -> orders.query().loadRelated(OrderQuery.customerId, customers).list(),
                "loadRelated of some fields", () -> orders.query()
                        .loadRelated(OrderQuery.customerId, customers, CustomerQuery.country).list()),
                "customer", customerKey, "country");
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

    /** The reads of a model that load whole objects, each by a different way through the scripts. */
    private Map<String, Executable> memberReads() {
        Map<String, Executable> reads = new LinkedHashMap<>();
        reads.put("get", () -> dao.get(1L));
        reads.put("getAll", () -> dao.getAll(List.of(2L, 1L)));
        reads.put("getByEmail", () -> dao.getByEmail("ann@x"));
        reads.put("getByHandle", () -> dao.getByHandle("ann"));
        reads.put("list", () -> dao.query().list());
        reads.put("first", () -> dao.query().first());
        reads.put("filter on a set index", () -> dao.query().filter(MemberQuery.country.eq("DE")).list());
        reads.put("filter on a unique field", () -> dao.query().filter(MemberQuery.email.eq("ann@x")).list());
        reads.put("contains", () -> dao.query().filter(MemberQuery.country.contains("E")).list());
        reads.put("sorted by a stored field", () -> dao.query().sortBy(MemberQuery.name.asc()).list());
        reads.put("sorted by an index", () -> dao.query().sortBy(MemberQuery.age.asc()).first());
        reads.put("loadOnly", () -> dao.query().loadOnly(MemberQuery.age, MemberQuery.name).list());
        return reads;
    }

    /** Each read throws {@code type}, naming the model, the key and (if given) the field. */
    private static <E extends RedaoException> void assertEveryReadNames(Class<E> type, Map<String, Executable> reads,
                                                                       String model, String key, String field) {
        for (Map.Entry<String, Executable> read : reads.entrySet()) {
            E e = assertThrows(type, read.getValue(), read.getKey());
            String m = e.getMessage();
            assertTrue(m.contains(key), read.getKey() + " names the key " + key + ": " + m);
            assertTrue(m.replace(key, "").contains(model), read.getKey() + " names the model " + model + ": " + m);
            if (field != null) {
                assertTrue(m.contains("'" + field + "'"), read.getKey() + " names the field " + field + ": " + m);
            }
        }
    }

    @Test
    void everyReadNamesTheModelKeyAndFieldOfAnUndecodableValue() {
        dao.save(new Member(null, "bob@x", "bob", "DE", 40, "Bob"));
        String objKey = key(":obj:1");
        raw(jedis -> jedis.hset(objKey, "age", "abc"));
        assertEveryReadNames(CorruptValueException.class, memberReads(), "member", objKey, "age");
    }

    @Test
    void everyReadNamesTheModelAndKeyOfAnObjectKeyOfTheWrongType() {
        dao.save(new Member(null, "bob@x", "bob", "DE", 40, "Bob"));
        String objKey = key(":obj:1");
        raw(jedis -> jedis.del(objKey));
        raw(jedis -> jedis.set(objKey, "not a hash"));
        assertEveryReadNames(CorruptDataException.class, memberReads(), "member", objKey, null);
    }

    @Test
    void aRelatedLoadNamesTheRelatedObjectsKey() {
        CustomerDao customers = new CustomerDao(store);
        OrderDao orders = new OrderDao(store);
        Customer c = customers.save(new Customer(null, "c@x", "DE", "Cee"));
        orders.save(new Order(null, c.id(), "open", 5));
        String customerKey = nsKey("{shop}:customer:obj:" + c.id());
        Map<String, Executable> reads = Map.of(
                "loadRelated", () -> orders.query().loadRelated(OrderQuery.customerId, customers).list(),
                "loadRelated of some fields", () -> orders.query()
                        .loadRelated(OrderQuery.customerId, customers, CustomerQuery.country).list());
        raw(jedis -> jedis.del(customerKey));
        raw(jedis -> jedis.set(customerKey, "not a hash"));
        assertEveryReadNames(CorruptDataException.class, reads, "customer", customerKey, null);
    }

    @Test
    void theReadsOfAPartitionedModelNameThePartitionsKey() {
        MeterDao meters = new MeterDao(store);
        long id = meters.save(new Meter(null, "s1", 1.0, 3, "n")).id();
        meters.save(new Meter(null, "s2", 2.0, 4, "m"));
        String objKey = keys().stream().filter(k -> k.endsWith(":obj:" + id)).findFirst().orElseThrow();
        Map<String, Executable> reads = new LinkedHashMap<>();
        reads.put("get", () -> meters.get(id));
        reads.put("getAll", () -> meters.getAll(List.of(id)));
        reads.put("list", () -> meters.query().list());
        reads.put("sorted", () -> meters.query().sortBy(MeterQuery.note.asc()).list());
        reads.put("loadOnly", () -> meters.query().loadOnly(MeterQuery.hour).list());
        raw(jedis -> jedis.hset(objKey, "hour", "x"));
        assertEveryReadNames(CorruptValueException.class, reads, "meter", objKey, "hour");
        raw(jedis -> jedis.del(objKey));
        raw(jedis -> jedis.set(objKey, "not a hash"));
        assertEveryReadNames(CorruptDataException.class, reads, "meter", objKey, null);
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

    @Test
    void anIdThatIsNoIdOfTheModelIsCorruptDataNamingWhereItIs() {
        dao.save(new Member(null, "bob@x", "bob", "DE", 40, "Bob"));
        String idSet = key(":id");
        raw(jedis -> jedis.sadd(idSet, "abc"));
        Map<String, Executable> reads = new LinkedHashMap<>();
        reads.put("ids", () -> dao.query().ids());
        reads.put("list", () -> dao.query().list());
        assertEveryReadNames(CorruptDataException.class, reads, "member", idSet, null);
        assertTrue(assertThrows(CorruptDataException.class, () -> dao.query().ids()).getMessage().contains("'abc'"));
        raw(jedis -> jedis.srem(idSet, "abc"));
        String index = key(":idx:country:DE");
        raw(jedis -> jedis.sadd(index, "x1"));
        assertEveryReadNames(CorruptDataException.class,
                Map.of("ids", () -> dao.query().filter(MemberQuery.country.eq("DE")).ids()), "member", index, null);

        StringItemDao items = new StringItemDao(store);
        items.save(new StringItem("a", "l"));
        String itemIds = base("stringitem") + ":id";
        raw(jedis -> jedis.sadd(itemIds.getBytes(StandardCharsets.UTF_8), new byte[] {'b', (byte) 0xff}));
        assertEveryReadNames(CorruptDataException.class, Map.of("ids", () -> items.query().ids()),
                "stringitem", itemIds, null);

        MeterDao meters = new MeterDao(store);
        long id = meters.save(new Meter(null, "s1", 1.0, 3, "n")).id();
        String meterIds = keys().stream().filter(k -> k.endsWith(":obj:" + id)).findFirst().orElseThrow()
                .replace(":obj:" + id, ":id");
        raw(jedis -> jedis.sadd(meterIds, "zz"));
        assertEveryReadNames(CorruptDataException.class, Map.of(
                "ids", () -> meters.query().ids(),
                "list", () -> meters.query().list(),
                "sorted", () -> meters.query().sortBy(MeterQuery.note.asc()).list()), "meter", meterIds, null);
    }

    /** Replaces {@code key} with a string, which no index or unique hash is. */
    private void clobber(String key) {
        raw(jedis -> jedis.del(key));
        raw(jedis -> jedis.set(key, "x"));
    }

    @Test
    void anIndexOrUniqueHashOfTheWrongTypeIsNamedByEveryQuery() {
        String uni = key(":uni:email");
        clobber(uni);
        assertEveryReadNames(CorruptDataException.class, Map.of(
                "getByEmail", () -> dao.getByEmail("ann@x"),
                "filter on a unique field", () -> dao.query().filter(MemberQuery.email.eq("ann@x")).list()), "member", uni, null);
        String set = key(":idx:country:DE");
        clobber(set);
        Map<String, Executable> reads = new LinkedHashMap<>();
        reads.put("eq", () -> dao.query().filter(MemberQuery.country.eq("DE")).list());
        reads.put("in", () -> dao.query().filter(MemberQuery.country.in(List.of("DE", "FR"))).list());
        reads.put("and", () -> dao.query().filter(MemberQuery.country.eq("DE")).filter(MemberQuery.age.between(1, 50)).ids());
        reads.put("exclude", () -> dao.query().exclude(MemberQuery.country.eq("DE")).count());
        assertEveryReadNames(CorruptDataException.class, reads, "member", set, null);
        String sorted = key(":idx:age");
        clobber(sorted);
        assertEveryReadNames(CorruptDataException.class, Map.of(
                "range", () -> dao.query().filter(MemberQuery.age.between(1, 50)).list(),
                "sorted by it", () -> dao.query().sortBy(MemberQuery.age.asc()).list()), "member", sorted, null);
        String lex = key(":lex:country");
        clobber(lex);
        assertEveryReadNames(CorruptDataException.class, Map.of(
                "startsWith", () -> dao.query().filter(MemberQuery.country.startsWith("D")).list()), "member", lex, null);
    }

    @Test
    void anIdSetOfTheWrongTypeIsNamedByQueriesAndCounts() {
        String idSet = key(":id");
        raw(jedis -> jedis.del(idSet));
        raw(jedis -> jedis.set(idSet, "x"));
        Map<String, Executable> reads = new LinkedHashMap<>();
        reads.put("count", () -> dao.query().count());
        reads.put("exists", () -> dao.query().exists());
        reads.put("ids", () -> dao.query().ids());
        reads.put("list", () -> dao.query().list());
        assertEveryReadNames(CorruptDataException.class, reads, "member", idSet, null);

        MeterDao meters = new MeterDao(store);
        long id = meters.save(new Meter(null, "s1", 1.0, 3, "n")).id();
        String meterIds = keys().stream().filter(k -> k.endsWith(":obj:" + id)).findFirst().orElseThrow()
                .replace(":obj:" + id, ":id");
        raw(jedis -> jedis.del(meterIds));
        raw(jedis -> jedis.set(meterIds, "x"));
        assertEveryReadNames(CorruptDataException.class, Map.of("count", () -> meters.count()), "meter", meterIds, null);
    }
}
