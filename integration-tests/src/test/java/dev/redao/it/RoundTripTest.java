package dev.redao.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.AllTypes;
import dev.redao.it.model.AllTypesDao;
import dev.redao.it.model.Color;
import dev.redao.it.model.Dimensions;
import dev.redao.it.model.Ticket;
import dev.redao.it.model.TicketDao;
import dev.redao.samples.shop.Category;
import dev.redao.samples.shop.Customer;
import dev.redao.samples.shop.CustomerDao;
import dev.redao.samples.shop.Product;
import dev.redao.samples.shop.ProductDao;
import dev.redao.runtime.InvalidArgumentException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every field type survives a save and a get, and is stored in Redis as the documented text. */
class RoundTripTest extends RedisTestSupport {
    static final String UNICODE = "héllo 😀 中文 ✓";
    static final UUID REF = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    static final Instant AT = Instant.parse("2024-02-29T12:34:56.123456789Z");
    static final byte[] BLOB = {0, (byte) 0xFF, 0, 1, (byte) 0x80, '\r', '\n', (byte) 0xFE, 0};

    private AllTypesDao dao;

    @BeforeEach
    void dao() {
        dao = new AllTypesDao(store);
    }

    static AllTypes full(Long id) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("x", 1);
        counts.put("中", -2);
        counts.put("", 0);
        return new AllTypes(id, UNICODE, true, Boolean.FALSE, 'é', '中',
                Byte.MIN_VALUE, Byte.MAX_VALUE, Short.MIN_VALUE, Short.MAX_VALUE,
                Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE,
                1.5f, Float.NEGATIVE_INFINITY, Math.PI, Double.NaN,
                new BigDecimal("12345678901234567890.000123000"), new BigInteger("-123456789012345678901234567890"),
                Color.GREEN, REF, AT, LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 23, 59, 59, 1),
                LocalTime.of(0, 0, 0, 999), Duration.ofSeconds(90061, 5), BLOB.clone(),
                List.of("a", "", "😀", "中文"), counts, new Dimensions(3, 4, "cm ✓", List.of(1, 2)));
    }

    /** Record equality, with arrays compared by content. */
    static void assertSameValues(Object expected, Object actual) {
        assertNotNull(actual);
        assertEquals(expected.getClass(), actual.getClass());
        for (RecordComponent c : expected.getClass().getRecordComponents()) {
            try {
                Object e = c.getAccessor().invoke(expected);
                Object a = c.getAccessor().invoke(actual);
                if (e instanceof byte[] eb) {
                    assertArrayEquals(eb, (byte[]) a, c.getName());
                } else if (e instanceof Double d && d.isNaN()) {
                    assertTrue(((Double) a).isNaN(), c.getName());
                } else {
                    assertEquals(e, a, c.getName());
                }
            } catch (ReflectiveOperationException ex) {
                throw new AssertionError(ex);
            }
        }
    }

    @Test
    void everyTypeRoundTrips() {
        AllTypes saved = dao.save(full(null));
        assertNotNull(saved.id());
        assertSameValues(full(saved.id()), saved);
        assertSameValues(full(saved.id()), dao.get(saved.id()).orElseThrow());
        assertSameValues(full(saved.id()), dao.getAll(List.of(saved.id())).get(0));
    }

    @Test
    void storedTextOfEachType() {
        long id = dao.save(full(null)).id();
        String key = base("alltypes") + ":obj:" + id;
        assertEquals("hash", type(key));
        Map<String, String> h = hash(key);
        assertEquals(Long.toString(id), h.get("id"));
        assertEquals(UNICODE, h.get("text"));
        assertEquals("1", h.get("flag"));
        assertEquals("0", h.get("flagBox"));
        assertEquals("é", h.get("letter"));
        assertEquals("中", h.get("letterBox"));
        assertEquals("-128", h.get("tiny"));
        assertEquals("127", h.get("tinyBox"));
        assertEquals("-32768", h.get("small"));
        assertEquals("-2147483648", h.get("count"));
        assertEquals("2147483647", h.get("countBox"));
        assertEquals("-9223372036854775808", h.get("big"));
        assertEquals("9223372036854775807", h.get("bigBox"));
        assertEquals("1.5", h.get("ratioF"));
        assertEquals("-Infinity", h.get("ratioFBox"));
        assertEquals(Double.toString(Math.PI), h.get("ratio"));
        assertEquals("NaN", h.get("ratioBox"));
        assertEquals("12345678901234567890.000123000", h.get("amount"));
        assertEquals("-123456789012345678901234567890", h.get("huge"));
        assertEquals("GREEN", h.get("color"));
        assertEquals(REF.toString(), h.get("ref"));
        assertEquals("2024-02-29T12:34:56.123456789Z", h.get("at"));
        assertEquals("2024-02-29", h.get("day"));
        assertEquals("2024-02-29T23:59:59.000000001", h.get("when"));
        assertEquals("00:00:00.000000999", h.get("time"));
        assertEquals("PT25H1M1.000000005S", h.get("length"));
        assertEquals("[\"a\",\"\",\"\\uD83D\\uDE00\",\"中文\"]", h.get("tags"), "Jackson escapes non-BMP characters");
        assertEquals("{\"x\":1,\"中\":-2,\"\":0}", h.get("counts"));
        assertEquals("{\"width\":3,\"height\":4,\"unit\":\"cm ✓\",\"marks\":[1,2]}", h.get("dims"));
        assertArrayEquals(BLOB, hashBytes(key, "blob"), "byte[] is stored as is, 0x00 and 0xFF included");
        assertArrayEquals(UNICODE.getBytes(UTF_8), hashBytes(key, "text"));
        assertEquals(31, h.size(), "the id and 30 fields: " + h.keySet());

        // set indexes: one set per value; sorted indexes: one zset scored by value
        String b = base("alltypes");
        String sid = Long.toString(id);
        assertEquals(Set.of(sid), members(b + ":idx:text:" + UNICODE));
        assertEquals(Set.of(sid), members(b + ":idx:flag:1"));
        assertEquals(Set.of(sid), members(b + ":idx:color:GREEN"));
        assertEquals(Set.of(sid), members(b + ":idx:ref:" + REF));
        assertEquals(Integer.MIN_VALUE, score(b + ":idx:count", sid));
        assertEquals(Math.PI, score(b + ":idx:ratio", sid));
        assertEquals(1.2345678901234567e19, score(b + ":idx:amount", sid), 1e4);
        assertEquals(AT.toEpochMilli() + 0.456789, score(b + ":idx:at", sid), 1e-3);
        assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), score(b + ":idx:day", sid));
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 59).toEpochSecond(ZoneOffset.UTC),
                score(b + ":idx:when", sid), 1e-6);
        assertEquals(999.0, score(b + ":idx:time", sid));
        assertEquals(90061.0, score(b + ":idx:length", sid), 1e-6);
        for (String unindexed : List.of("flagBox", "letter", "big", "huge", "blob", "tags", "counts", "dims")) {
            assertFalse(keys().stream().anyMatch(k -> k.startsWith(b + ":idx:" + unindexed)), unindexed + " has no index");
        }
    }

    @Test
    void nullFieldsAreAbsentFromTheHashAndPrimitivesKeepTheirDefaults() {
        AllTypes saved = dao.save(AllTypes.empty(null));
        String key = base("alltypes") + ":obj:" + saved.id();
        Map<String, String> h = hash(key);
        // the id and the 8 primitives; no boxed or reference field
        assertEquals(Set.of("id", "flag", "letter", "tiny", "small", "count", "big", "ratioF", "ratio"), h.keySet());
        assertEquals("0", h.get("flag"));
        assertArrayEquals(new byte[] {0}, hashBytes(key, "letter"));
        assertEquals("0.0", h.get("ratio"));
        assertSameValues(AllTypes.empty(saved.id()), dao.get(saved.id()).orElseThrow());
        // a null indexed field is in no index
        String b = base("alltypes");
        assertTrue(keys().stream().noneMatch(k -> k.startsWith(b + ":idx:text") || k.startsWith(b + ":idx:color")
                || k.startsWith(b + ":idx:at") || k.startsWith(b + ":idx:ref")), keys().toString());
        assertEquals(0.0, score(b + ":idx:count", saved.id().toString()), "a primitive is never null");
    }

    @Test
    void primitivesMissingFromTheHashReadAsDefaults() {
        AllTypes saved = dao.save(full(null));
        String key = base("alltypes") + ":obj:" + saved.id();
        raw(jedis -> jedis.hdel(key, "flag", "letter", "tiny", "small", "count", "big", "ratioF", "ratio",
                "flagBox", "text", "tags", "blob"));
        AllTypes read = dao.get(saved.id()).orElseThrow();
        assertFalse(read.flag());
        assertEquals('\0', read.letter());
        assertEquals(0, read.tiny());
        assertEquals(0, read.small());
        assertEquals(0, read.count());
        assertEquals(0L, read.big());
        assertEquals(0f, read.ratioF());
        assertEquals(0.0, read.ratio());
        assertNull(read.flagBox());
        assertNull(read.text());
        assertNull(read.tags());
        assertNull(read.blob());
        assertEquals(Long.MAX_VALUE, read.bigBox());
    }

    @Test
    void emptyStringsAndEmptyCollectionsAreValuesNotNulls() {
        AllTypes empty = new AllTypes(null, "", false, null, ' ', null, (byte) 0, null, (short) 0, null, 0, null, 0L,
                null, 0f, null, 0.0, null, BigDecimal.ZERO, BigInteger.ZERO, Color.RED, null, Instant.EPOCH,
                LocalDate.MIN, LocalDateTime.MAX, LocalTime.MIDNIGHT, Duration.ZERO, new byte[0], List.of(), Map.of(),
                new Dimensions(0, 0, "", List.of()));
        AllTypes saved = dao.save(empty);
        String key = base("alltypes") + ":obj:" + saved.id();
        Map<String, String> h = hash(key);
        assertEquals("", h.get("text"));
        assertEquals("", h.get("blob"));
        assertEquals("[]", h.get("tags"));
        assertEquals("{}", h.get("counts"));
        assertEquals(" ", h.get("letter"));
        assertEquals(Set.of(saved.id().toString()), members(base("alltypes") + ":idx:text:"),
                "the empty string is indexed like any value");
        AllTypes read = dao.get(saved.id()).orElseThrow();
        assertSameValues(saved, read);
        assertEquals("", read.text());
        assertEquals(0, read.blob().length);
    }

    @Test
    void unicodeAndSeparatorCharactersInIndexedValues() {
        String[] texts = {"😀", "中文", "a:b:c", "{braces}", "tab\there", "x\u0000y", "ünï çødé ✓"};
        for (String text : texts) {
            AllTypes saved = dao.save(AllTypes.empty(null).withText(text));
            assertEquals(text, dao.get(saved.id()).orElseThrow().text());
            assertEquals(Set.of(saved.id().toString()), members(base("alltypes") + ":idx:text:" + text), text);
        }
    }

    @Test
    void infiniteIndexedDoubleIsScoredAsInfinity() {
        AllTypes saved = dao.save(AllTypes.empty(null).withRatio(Double.POSITIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, score(base("alltypes") + ":idx:ratio", saved.id().toString()));
        assertEquals(Double.POSITIVE_INFINITY, dao.get(saved.id()).orElseThrow().ratio());
    }

    @Test
    void samplesRecordCustomer() {
        CustomerDao customers = new CustomerDao(store);
        Instant joined = Instant.parse("2023-01-02T03:04:05Z");
        Customer ann = customers.save(new Customer(null, "ann@example.com", "DE", "Ann ✓", List.of("vip", "中"), joined));
        assertEquals(new Customer(ann.id(), "ann@example.com", "DE", "Ann ✓", List.of("vip", "中"), joined), ann);
        assertEquals(ann, customers.get(ann.id()).orElseThrow());
        assertEquals(ann, customers.getByEmail("ann@example.com").orElseThrow());
        String b = base("customer");
        Map<String, String> h = hash(b + ":obj:" + ann.id());
        assertEquals(Map.of("id", ann.id().toString(), "email", "ann@example.com", "country", "DE", "name", "Ann ✓",
                "tags", "[\"vip\",\"中\"]", "joinedAt", "2023-01-02T03:04:05Z"), h);
        assertEquals(Map.of("ann@example.com", ann.id().toString()), hash(b + ":uni:email"));
        assertEquals(Set.of(ann.id().toString()), members(b + ":idx:country:DE"));
        assertEquals(Set.of(ann.id().toString()), members(b + ":id"));
        assertEquals(ann.id().toString(), raw(jedis -> jedis.get(b + ":ids")));
    }

    @Test
    void samplesClassProductWithInheritedFields() {
        ProductDao products = new ProductDao(store);
        Product dune = new Product("BK-1", "Dune", Category.BOOKS, new BigDecimal("9.990"), 12);
        dune.setUpdatedAt(Instant.parse("2024-05-06T07:08:09.010Z"));
        dune.setUpdatedBy("ops");
        Product saved = products.save(dune);
        assertSame(dune, saved, "a class model gets its id set in place");
        assertNotNull(dune.getId());
        String b = base("product");
        Map<String, String> h = hash(b + ":obj:" + dune.getId());
        assertEquals(Map.of("id", dune.getId().toString(), "sku", "BK-1", "title", "Dune", "category", "BOOKS",
                "price", "9.990", "stock", "12", "updatedAt", "2024-05-06T07:08:09.010Z", "updatedBy", "ops"), h,
                "the @Transient label is not stored");
        Product read = products.get(dune.getId()).orElseThrow();
        assertEquals(dune.toString(), read.toString());
        assertEquals(new BigDecimal("9.990"), read.getPrice(), "BigDecimal keeps its scale");
        assertEquals(dune.getUpdatedAt(), read.getUpdatedAt());
        assertEquals("ops", read.getUpdatedBy());
        assertEquals(Set.of(dune.getId().toString()), members(b + ":idx:category:BOOKS"));
        assertEquals(9.99, score(b + ":idx:price", dune.getId().toString()));
        assertEquals(1714979289010.0, score(b + ":idx:updatedAt", dune.getId().toString()));
        assertEquals(Map.of("BK-1", dune.getId().toString()), hash(b + ":uni:sku"));
        assertEquals(dune.toString(), products.getBySku("BK-1").orElseThrow().toString());
    }

    @Test
    void classWithPublicFieldsAndIntegerId() {
        TicketDao tickets = new TicketDao(store);
        Ticket t = new Ticket("T-1", Color.BLUE, 3, "Broken ✓");
        t.scratch = "not stored";
        tickets.save(t);
        assertEquals(1, t.id);
        String b = base("ticket");
        assertEquals(Map.of("id", "1", "code", "T-1", "color", "BLUE", "priority", "3", "title", "Broken ✓"),
                hash(b + ":obj:1"));
        Ticket read = tickets.get(1).orElseThrow();
        assertEquals(List.of(1, "T-1", Color.BLUE, 3, "Broken ✓"),
                Arrays.asList(read.id, read.code, read.color, read.priority, read.title));
        assertNull(read.scratch, "a transient field is not stored");
        assertEquals(3.0, score(b + ":idx:priority", "1"));
        assertEquals(Set.of("1"), members(b + ":idx:color:BLUE"));
        assertEquals(1, tickets.getByCode("T-1").orElseThrow().id);
    }

    @Test
    void textWithAnUnpairedSurrogateIsRefusedNotMangled() {
        var before = snapshot();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> dao.save(AllTypes.empty(null).withText("a\uD800b")));
        assertTrue(e.getMessage().contains("field 'text' is text with an unpaired surrogate (\\ud800 at index 1)"), e.getMessage());
        AllTypes loneLetter = new AllTypes(null, null, false, null, '\uDC00', null, (byte) 0, null, (short) 0, null, 0, null,
                0L, null, 0f, null, 0.0, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        e = assertThrows(InvalidArgumentException.class, () -> dao.save(loneLetter));
        assertTrue(e.getMessage().contains("field 'letter' is text with an unpaired surrogate"), e.getMessage());
        assertUnchanged(before);
        // a proper pair (an emoji) is fine
        AllTypes saved = dao.save(AllTypes.empty(null).withText("a\uD83D\uDE00b"));
        assertEquals("a\uD83D\uDE00b", dao.get(saved.id()).orElseThrow().text());
    }
}
