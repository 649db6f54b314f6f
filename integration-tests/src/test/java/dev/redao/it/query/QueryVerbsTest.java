package dev.redao.it.query;

import static dev.redao.it.query.Reference.NUMERIC;
import static dev.redao.it.query.Reference.UTF8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.query.Query;
import dev.redao.runtime.query.Sort;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Sorting, the default order, paging and the terminal operations. */
class QueryVerbsTest extends QueryTestSupport {
    private static final Instant T0 = Instant.parse("2023-06-01T00:00:00Z");

    // id:              1     2     3     4     5     6     7     8      9     10    11    12
    static final Integer[] RANK = {5, null, 1, 7, 5, -3, 7, 100, 5, 5, 5, null};
    static final Integer[] LEVEL = {10, null, 2, 14, 10, -6, 14, 200, 10, 10, 10, null};
    static final String[] NOTE = {"b", null, "B", "a", "b", "ab", "a", "Z", "b", "b", "b", null};
    static final Shade[] SHADE = {Shade.RED, null, Shade.BLUE, Shade.AMBER, Shade.RED, Shade.VIOLET, Shade.GREEN,
            Shade.AMBER, Shade.RED, Shade.RED, Shade.RED, null};
    static final Boolean[] FLAG = {true, null, false, true, true, false, true, false, true, true, true, null};

    /** Twelve items, ids 1 to 12 assigned by the server, with ties (ids 1, 5, 9, 10, 11) and nulls (2, 12). */
    private List<Item> twelve(ItemDao dao) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(new Item(null, NOTE[i] == null ? null : "n" + NOTE[i], SHADE[i], FLAG[i],
                    NOTE[i] == null ? null : NOTE[i].charAt(0),
                    RANK[i] == null ? null : new UUID(0, RANK[i] == 5 ? 5 : 100 - RANK[i]),
                    RANK[i], RANK[i] == null ? 0 : RANK[i] * 3L, RANK[i] == null ? null : RANK[i] / 2.0,
                    RANK[i] == null ? null : BigDecimal.valueOf(RANK[i]).movePointLeft(1),
                    RANK[i] == null ? null : T0.plusMillis(RANK[i] * 1001L),
                    RANK[i] == null ? null : LocalDate.of(2020, 1, 1).plusDays(RANK[i]),
                    RANK[i] == null ? null : "code" + (char) ('a' + i), NOTE[i], LEVEL[i], List.of()));
        }
        List<Item> saved = dao.saveAll(items);
        for (int i = 0; i < 12; i++) {
            assertEquals(i + 1L, saved.get(i).id());
        }
        return saved;
    }

    private static List<Long> idsOfItems(List<Item> items) {
        return items.stream().map(Item::id).toList();
    }

    private static Function<Item, String> itemId() {
        return i -> Long.toString(i.id());
    }

    @Test
    void sortByASortedIndexOrdersTiesByIdTextAndPutsNullsLastInIdOrder() {
        ItemDao dao = new ItemDao(store);
        twelve(dao);
        // rank 5 is held by ids 1, 5, 9, 10, 11: a sorted set orders equal scores by member bytes
        assertEquals(List.of(6L, 3L, 1L, 10L, 11L, 5L, 9L, 4L, 7L, 8L, 2L, 12L), dao.query().sortBy(ItemQuery.rank.asc()).ids());
        assertEquals(List.of(8L, 7L, 4L, 9L, 5L, 11L, 10L, 1L, 3L, 6L, 2L, 12L), dao.query().sortBy(ItemQuery.rank.desc()).ids(),
                "descending reverses (value, id); nulls stay last in ascending id order");
        assertEquals(List.of(10L, 11L, 5L), dao.query().sortBy(ItemQuery.rank.asc()).offset(3).limit(3).ids());
        assertEquals(List.of(12L), dao.query().sortBy(ItemQuery.rank.asc()).offset(11).limit(5).ids());
        assertEquals(List.of(8L, 2L), dao.query().sortBy(ItemQuery.rank.asc()).offset(9).limit(2).ids(),
                "a page across the last value and the first null");
    }

    @Test
    void sortByAStoredValueOrdersTiesByNumericIdAndPutsNullsLast() {
        ItemDao dao = new ItemDao(store);
        twelve(dao);
        // level is not indexed: the script sorts by the stored number (alphabetically "-6" < "10" < "14" < "2")
        assertEquals(List.of(6L, 3L, 1L, 5L, 9L, 10L, 11L, 4L, 7L, 8L, 2L, 12L), dao.query().sortBy(ItemQuery.level.asc()).ids());
        assertEquals(List.of(8L, 7L, 4L, 11L, 10L, 9L, 5L, 1L, 3L, 6L, 2L, 12L), dao.query().sortBy(ItemQuery.level.desc()).ids());
        // note is text: byte order, upper case first
        assertEquals(List.of(3L, 8L, 4L, 7L, 6L, 1L, 5L, 9L, 10L, 11L, 2L, 12L), dao.query().sortBy(ItemQuery.note.asc()).ids());
        assertEquals(List.of(11L, 10L, 9L, 5L, 1L, 6L, 7L, 4L, 8L, 3L, 2L, 12L), dao.query().sortBy(ItemQuery.note.desc()).ids());
        assertEquals(List.of(9L, 10L), dao.query().sortBy(ItemQuery.note.asc()).offset(7).limit(2).ids());
    }

    @Test
    void everySortableFieldAgainstTheReference() {
        ItemDao dao = new ItemDao(store);
        List<Item> all = twelve(dao);
        Map<String, SortCase> cases = sortCases();
        for (Map.Entry<String, SortCase> e : cases.entrySet()) {
            SortCase c = e.getValue();
            for (boolean desc : new boolean[] {false, true}) {
                List<Item> expected = Reference.sorted(all, c.value, c.order, desc, itemId(), c.ties, NUMERIC);
                Sort<Item> sort = desc ? c.handleDesc : c.handleAsc;
                String what = e.getKey() + (desc ? " desc" : " asc");
                assertEquals(idsOfItems(expected), dao.query().sortBy(sort).ids(), what);
                assertEquals(expected, dao.query().sortBy(sort).list(), what);
                for (int offset = 0; offset <= 12; offset += 5) {
                    assertEquals(idsOfItems(Reference.page(expected, offset, 4)),
                            dao.query().sortBy(sort).offset(offset).limit(4).ids(), what + " page " + offset);
                }
                List<Item> reds = expected.stream().filter(i -> i.shade() == Shade.RED || i.shade() == null).toList();
                assertEquals(idsOfItems(reds), dao.query().filter(ItemQuery.shade.eq(Shade.RED))
                        .union(ItemQuery.flag.in()).union(dao.query().exclude(ItemQuery.shade.in(Shade.values())))
                        .sortBy(sort).ids(), what + " of a filtered set");
            }
        }
    }

    record SortCase(Function<Item, Object> value, Comparator<Object> order, Comparator<String> ties,
            Sort<Item> handleAsc, Sort<Item> handleDesc) {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <V> SortCase sortCase(Function<Item, V> value, Comparator<? super V> order, boolean sortedIndex,
            Sort<Item> asc, Sort<Item> desc) {
        return new SortCase((Function) value, (Comparator) order, sortedIndex ? UTF8 : NUMERIC, asc, desc);
    }

    /** Each sortable field of Item, with the order the script gives it. */
    static Map<String, SortCase> sortCases() {
        Map<String, SortCase> cases = new LinkedHashMap<>();
        Comparator<String> text = UTF8;
        cases.put("name", sortCase(Item::name, text, false, ItemQuery.name.asc(), ItemQuery.name.desc()));
        cases.put("shade", sortCase((Item i) -> i.shade() == null ? null : i.shade().name(), text, false,
                ItemQuery.shade.asc(), ItemQuery.shade.desc()));
        cases.put("flag", sortCase(Item::flag, Comparator.<Boolean>naturalOrder(), false, ItemQuery.flag.asc(), ItemQuery.flag.desc()));
        cases.put("grade", sortCase((Item i) -> i.grade() == null ? null : i.grade().toString(), text, false,
                ItemQuery.grade.asc(), ItemQuery.grade.desc()));
        cases.put("ref", sortCase((Item i) -> i.ref() == null ? null : i.ref().toString(), text, false,
                ItemQuery.ref.asc(), ItemQuery.ref.desc()));
        cases.put("rank", sortCase(Item::rank, Comparator.<Integer>naturalOrder(), true, ItemQuery.rank.asc(), ItemQuery.rank.desc()));
        cases.put("qty", sortCase(Item::qty, Comparator.<Long>naturalOrder(), true, ItemQuery.qty.asc(), ItemQuery.qty.desc()));
        cases.put("weight", sortCase(Item::weight, Comparator.<Double>naturalOrder(), true, ItemQuery.weight.asc(), ItemQuery.weight.desc()));
        cases.put("price", sortCase(Item::price, Comparator.<BigDecimal>naturalOrder(), true, ItemQuery.price.asc(), ItemQuery.price.desc()));
        cases.put("at", sortCase(Item::at, Comparator.<Instant>naturalOrder(), true, ItemQuery.at.asc(), ItemQuery.at.desc()));
        cases.put("day", sortCase(Item::day, Comparator.<LocalDate>naturalOrder(), true, ItemQuery.day.asc(), ItemQuery.day.desc()));
        cases.put("code", sortCase(Item::code, text, false, ItemQuery.code.asc(), ItemQuery.code.desc()));
        cases.put("note", sortCase(Item::note, text, false, ItemQuery.note.asc(), ItemQuery.note.desc()));
        cases.put("level", sortCase(Item::level, Comparator.<Integer>naturalOrder(), false, ItemQuery.level.asc(), ItemQuery.level.desc()));
        return cases;
    }

    @Test
    void withoutSortByResultsComeInNumericIdOrder() {
        ItemDao dao = new ItemDao(store);
        twelve(dao);
        List<Long> all = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertEquals(all, dao.query().ids());
        assertEquals(all, idsOfItems(dao.query().list()));
        assertEquals(List.of(1L, 5L, 9L, 10L, 11L), dao.query().filter(ItemQuery.shade.eq(Shade.RED)).ids());
        assertEquals(List.of(9L, 10L), dao.query().filter(ItemQuery.shade.eq(Shade.RED)).offset(2).limit(2).ids());
        assertEquals(List.of(10L, 11L, 12L), dao.query().offset(9).ids());
        assertEquals(List.of(1L, 2L), dao.query().limit(2).ids());
    }

    @Test
    void stringIdsSortAlphabetically() {
        TagDao dao = new TagDao(store);
        dao.saveAll(List.of(new Tag("b", "g1", 3, "x"), new Tag("a", "g1", 3, null), new Tag("C", "g2", 1, "y"),
                new Tag("10", "g1", 3, "x"), new Tag("9", "g2", 7, null), new Tag("aa", "g1", 1, "x")));
        assertEquals(List.of("10", "9", "C", "a", "aa", "b"), dao.query().ids());
        assertEquals(List.of("10", "a", "aa", "b"), dao.query().filter(TagQuery.group.eq("g1")).ids());
        assertEquals(List.of("C", "aa", "10", "a", "b", "9"), dao.query().sortBy(TagQuery.size.asc()).ids());
        assertEquals(List.of("9", "b", "a", "10", "aa", "C"), dao.query().sortBy(TagQuery.size.desc()).ids());
        assertEquals(List.of("10", "aa", "b", "C", "9", "a"), dao.query().sortBy(TagQuery.label.asc()).ids(),
                "ties and nulls in id order");
        assertEquals(List.of("C", "b", "aa", "10", "9", "a"), dao.query().sortBy(TagQuery.label.desc()).ids());
        assertEquals(List.of("aa", "b"), dao.query().sortBy(TagQuery.label.asc()).offset(1).limit(2).ids());
        assertEquals(List.of("a", "aa"), dao.query().filter(TagQuery.id.in("aa", "a", "zz")).ids());
        assertEquals(new Tag("9", "g2", 7, null), dao.query().filter(TagQuery.size.gt(3)).first().orElseThrow());
        assertEquals(2, dao.query().filter(TagQuery.group.startsWith("g2")).count());
        assertEquals(1, dao.query().filter(TagQuery.group.eq("g2")).exclude(TagQuery.id.eq("9")).count());
        assertEquals(2, dao.query().filter(TagQuery.size.eq(3)).exclude(TagQuery.id.eq("a"))
                .offset(5).count(), "count ignores the offset");
    }

    @Test
    void uuidIdsSortAsText() {
        TokenDao dao = new TokenDao(store);
        List<Token> saved = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            saved.add(dao.save(new Token(null, i % 3 == 0 ? "ann" : "bob", i % 4, i % 5 == 0 ? null : "s" + i)));
        }
        List<UUID> byText = saved.stream().map(Token::id).sorted(Comparator.comparing(UUID::toString)).toList();
        assertEquals(byText, dao.query().ids());
        List<UUID> anns = saved.stream().filter(t -> t.owner().equals("ann")).map(Token::id)
                .sorted(Comparator.comparing(UUID::toString)).toList();
        assertEquals(anns, dao.query().filter(TokenQuery.owner.eq("ann")).ids());
        List<UUID> byN = saved.stream().sorted(Comparator.comparingLong(Token::n).reversed()
                .thenComparing(Comparator.comparing((Token t) -> t.id().toString()).reversed())).map(Token::id).toList();
        assertEquals(byN, dao.query().sortBy(TokenQuery.n.desc()).ids());
        List<UUID> bySecret = Reference.sorted(saved, Token::secret, UTF8, false, t -> t.id().toString(), UTF8, UTF8)
                .stream().map(Token::id).toList();
        assertEquals(bySecret, dao.query().sortBy(TokenQuery.secret.asc()).ids());
        assertEquals(Set.of(saved.get(1).id(), saved.get(2).id()),
                new HashSet<>(dao.query().filter(TokenQuery.secret.in("s1", "s2", "s0", "nope")).ids()));
        assertEquals(List.of(saved.get(3)), dao.query().filter(TokenQuery.id.in(saved.get(3).id(), UUID.randomUUID())).list());
    }

    @Test
    void queriesOnAModelWithoutObjects() {
        ItemDao dao = new ItemDao(store);
        TaskDao tasks = new TaskDao(store);
        for (Sort<Item> s : List.of(ItemQuery.rank.asc(), ItemQuery.note.desc(), ItemQuery.name.asc())) {
            assertEquals(List.of(), dao.query().sortBy(s).list());
            assertEquals(List.of(), dao.query().filter(ItemQuery.shade.eq(Shade.RED)).sortBy(s).offset(3).limit(2).ids());
        }
        assertEquals(List.of(), dao.query().list());
        assertEquals(0, dao.query().count());
        assertFalse(dao.query().exists());
        assertEquals(0, dao.query().delete());
        assertEquals(0, dao.query().filter(ItemQuery.name.contains("x")).union(ItemQuery.code.eq("y")).count());
        assertEquals(List.of(), tasks.query().list());
        assertEquals(List.of(), tasks.query().sortBy(TaskQuery.title.asc()).ids());
        assertEquals(0, tasks.query().filter(TaskQuery.score.gt(1)).delete());
        assertEquals(Set.of(), keys(), "a query writes nothing that stays");
    }

    // ---- @Model(ordering)

    @Test
    void descendingOrderingIsTheDefaultOrder() {
        TaskDao dao = new TaskDao(store);
        Integer[] scores = {50, null, 70, 50, null, 10, 50, null, 90, 50, null, 10};
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            tasks.add(new Task(null, scores[i], i % 2 == 0 ? "ann" : "bob", "t" + i));
        }
        dao.saveAll(tasks);
        assertEquals("zset", type(base("qtask") + ":id"));
        List<Long> ids = dao.query().ids();
        assertEquals(12, ids.size());
        assertEquals(List.of(9L, 3L), ids.subList(0, 2));
        assertEquals(Set.of(1L, 4L, 7L, 10L), new TreeSet<>(ids.subList(2, 6)));
        assertEquals(Set.of(6L, 12L), new TreeSet<>(ids.subList(6, 8)));
        assertEquals(Set.of(2L, 5L, 8L, 11L), new TreeSet<>(ids.subList(8, 12)), "objects without a score come last");
        assertEquals(ids, idsOf(dao.query().list()));
        assertEquals(ids, pagedIds(dao.query(), 5), "pages follow the same order");
        List<Long> anns = dao.query().filter(TaskQuery.owner.eq("ann")).ids();
        assertEquals(ids.stream().filter(id -> id % 2 == 1).toList(), anns, "a filtered query keeps the order");
        assertEquals(List.of(9L, 3L), dao.query().filter(TaskQuery.score.gt(50)).ids());
        assertEquals(6, dao.query().filter(TaskQuery.owner.eq("ann")).count());
        // an explicit sort wins over the ordering (equal scores: by id text; no score: last, by id)
        assertEquals(List.of(12L, 6L, 1L, 10L, 4L, 7L, 3L, 9L, 2L, 5L, 8L, 11L), dao.query().sortBy(TaskQuery.score.asc()).ids());
        assertEquals(9L, dao.query().first().orElseThrow().getId());
    }

    private static List<Long> idsOf(List<Task> tasks) {
        return tasks.stream().map(Task::getId).toList();
    }

    private static <T, ID> List<ID> pagedIds(Query<T, ID> q, int size) {
        List<ID> out = new ArrayList<>();
        for (int offset = 0; ; offset += size) {
            List<ID> page = q.offset(offset).limit(size).ids();
            out.addAll(page);
            if (page.size() < size) {
                return out;
            }
        }
    }

    @Test
    void ascendingOrderingOnAnUnindexedField() {
        EventDao dao = new EventDao(store);
        Long[] seqs = {30L, null, 10L, 20L, 10L, null, -5L, 40L, 10L, 10L, null, 25L};
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < seqs.length; i++) {
            events.add(new Event(null, seqs[i], i % 3 == 0 ? "a" : "b"));
        }
        dao.saveAll(events);
        List<Long> ids = dao.query().ids();
        assertEquals(7L, ids.get(0));
        assertEquals(Set.of(3L, 5L, 9L, 10L), new TreeSet<>(ids.subList(1, 5)));
        assertEquals(List.of(4L, 12L, 1L, 8L), ids.subList(5, 9));
        assertEquals(Set.of(2L, 6L, 11L), new TreeSet<>(ids.subList(9, 12)), "objects without a seq come last");
        assertEquals(ids, pagedIds(dao.query(), 4));
        assertEquals(ids.stream().filter(id -> id % 3 == 1).toList(), dao.query().filter(EventQuery.kind.eq("a")).ids());
        // sorting by the ordering field's stored value: ties by numeric id, nulls last by id
        assertEquals(List.of(7L, 3L, 5L, 9L, 10L, 4L, 12L, 1L, 8L, 2L, 6L, 11L), dao.query().sortBy(EventQuery.seq.asc()).ids());
        assertEquals(List.of(8L, 1L, 12L, 4L, 10L, 9L, 5L, 3L, 7L, 2L, 6L, 11L), dao.query().sortBy(EventQuery.seq.desc()).ids());
        // re-saving moves the object in the order
        dao.save(new Event(8L, -100L, "b"));
        assertEquals(8L, dao.query().ids().get(0));
        dao.save(new Event(8L, null, "b"));
        assertEquals(Set.of(2L, 6L, 8L, 11L), new TreeSet<>(dao.query().offset(8).ids()));
    }

    // ---- paging and terminals

    @Test
    void offsetLimitCountFirstIdsExists() {
        ItemDao dao = new ItemDao(store);
        List<Item> all = twelve(dao);
        Query<Item, Long> byRank = dao.query().sortBy(ItemQuery.rank.asc());
        List<Long> full = byRank.ids();
        assertEquals(full, pagedIds(byRank, 5));
        assertEquals(List.of(), byRank.offset(12).ids());
        assertEquals(List.of(), byRank.offset(1000).limit(3).list());
        assertEquals(List.of(), byRank.limit(0).ids());
        assertEquals(List.of(), byRank.limit(0).list());
        assertEquals(12, byRank.offset(3).limit(2).count(), "count ignores offset and limit");
        assertEquals(12, byRank.limit(0).count());
        assertTrue(byRank.offset(100).exists(), "exists ignores offset and limit");
        assertEquals(full.subList(0, 1), byRank.first().map(i -> List.of(i.id())).orElseThrow());
        assertEquals(all.get((int) (full.get(4) - 1)), byRank.offset(4).first().orElseThrow(), "first respects the offset");
        assertTrue(byRank.offset(12).first().isEmpty());
        assertTrue(byRank.limit(0).first().isEmpty(), "first stays within a limit of 0");
        assertEquals(full.subList(3, 6), byRank.limit(100).offset(3).limit(3).ids(), "the last limit wins");
        Query<Item, Long> none = dao.query().filter(ItemQuery.name.eq("nobody"));
        assertFalse(none.exists());
        assertEquals(0, none.count());
        assertTrue(none.first().isEmpty());
        assertEquals(List.of(), none.sortBy(ItemQuery.note.desc()).list());
        assertThrows(InvalidArgumentException.class, () -> byRank.offset(-1));
        assertThrows(InvalidArgumentException.class, () -> byRank.limit(-1));
        assertEquals(dao.count(), dao.query().count());
        // list and ids agree, and list returns the stored objects
        for (Sort<Item> s : List.of(ItemQuery.note.desc(), ItemQuery.price.asc(), ItemQuery.shade.desc())) {
            List<Item> page = dao.query().sortBy(s).offset(2).limit(7).list();
            assertEquals(dao.query().sortBy(s).offset(2).limit(7).ids(), idsOfItems(page));
            for (Item i : page) {
                assertEquals(all.get((int) (i.id() - 1)), i);
            }
        }
    }

    @Test
    void loadOnlyLoadsTheChosenFields() {
        ItemDao dao = new ItemDao(store);
        List<Item> all = twelve(dao);
        List<Item> loaded = dao.query().sortBy(ItemQuery.rank.desc()).limit(4)
                .loadOnly(ItemQuery.name, ItemQuery.qty, ItemQuery.price, ItemQuery.tags).list();
        List<Long> expectedIds = dao.query().sortBy(ItemQuery.rank.desc()).limit(4).ids();
        assertEquals(expectedIds, idsOfItems(loaded));
        for (Item i : loaded) {
            Item full = all.get((int) (i.id() - 1));
            assertEquals(new Item(full.id(), full.name(), null, null, null, null, null, full.qty(), null, full.price(),
                    null, null, null, null, null, full.tags()), i);
        }
        Item onlyId = dao.query().filter(ItemQuery.id.eq(3L)).loadOnly(ItemQuery.id).first().orElseThrow();
        assertEquals(new Item(3L, null, null, null, null, null, null, 0L, null, null, null, null, null, null, null, null), onlyId);
        Item noted = dao.query().filter(ItemQuery.id.eq(2L)).loadOnly(ItemQuery.note, ItemQuery.level).first().orElseThrow();
        assertNull(noted.note());
        assertNull(noted.level());
        assertEquals(all, dao.query().loadOnly().list(), "loadOnly() of nothing loads everything");

        TaskDao tasks = new TaskDao(store);
        tasks.saveAll(List.of(new Task(null, 3, "ann", "first"), new Task(null, 5, "bob", "second")));
        List<Task> owners = tasks.query().loadOnly(TaskQuery.owner).list();
        assertEquals(List.of("bob", "ann"), owners.stream().map(Task::getOwner).toList());
        assertTrue(owners.stream().allMatch(t -> t.getScore() == null && t.getTitle() == null && t.getId() != null));
    }

    @Test
    void deleteRemovesThePageWithEveryIndexEntry() {
        ItemDao dao = new ItemDao(store);
        List<Item> remaining = new ArrayList<>(twelve(dao));
        assertItemKeysExactly(remaining);

        // the 2nd and 3rd of the red ones by rank descending
        Query<Item, Long> reds = dao.query().filter(ItemQuery.shade.eq(Shade.RED)).sortBy(ItemQuery.rank.desc());
        List<Long> doomed = reds.offset(1).limit(2).ids();
        assertEquals(List.of(5L, 11L), doomed);
        assertEquals(2, reds.offset(1).limit(2).delete());
        remaining.removeIf(i -> doomed.contains(i.id()));
        assertEquals(List.of(9L, 10L, 1L), reds.ids());
        assertItemKeysExactly(remaining);

        // a page that reaches into the objects without a value
        List<Long> tail = dao.query().sortBy(ItemQuery.note.asc()).offset(7).ids();
        assertEquals(List.of(10L, 2L, 12L), tail);
        assertEquals(3, dao.query().sortBy(ItemQuery.note.asc()).offset(7).limit(10).delete());
        remaining.removeIf(i -> tail.contains(i.id()));
        assertItemKeysExactly(remaining);

        // everything that matches, without a page; then a query that matches nothing deletes nothing
        assertEquals(2, dao.query().filter(ItemQuery.rank.ge(7)).exclude(ItemQuery.name.endsWith("Z")).delete());
        remaining.removeIf(i -> i.rank() != null && i.rank() >= 7 && !"nZ".equals(i.name()));
        assertItemKeysExactly(remaining);
        assertEquals(0, dao.query().filter(ItemQuery.name.eq("nobody")).delete());
        assertEquals(remaining.size(), dao.count());
        assertEquals(idsOfItems(remaining), dao.query().ids());

        // and the rest: nothing of the model is left but its id counter and stored schema
        assertEquals(remaining.size(), dao.query().delete());
        assertItemKeysExactly(List.of());
        assertEquals(Set.of(base("qitem") + ":ids", base("qitem") + ":schema"), keys());
        assertEquals(0, dao.query().count());
        // the freed unique values can be taken again
        Item again = dao.save(Item.named("again").withCode("codea"));
        assertEquals(List.of(again.id()), dao.query().filter(ItemQuery.code.eq("codea")).ids());
    }

    @Test
    void deleteOnAnOrderedModelFollowsTheOrdering() {
        TaskDao dao = new TaskDao(store);
        for (int i = 1; i <= 6; i++) {
            dao.save(new Task(null, i * 10, "o" + (i % 2), "t" + i));
        }
        assertEquals(2, dao.query().limit(2).delete(), "the two highest scores");
        assertEquals(List.of(4L, 3L, 2L, 1L), dao.query().ids());
        assertEquals(1, dao.query().filter(TaskQuery.owner.eq("o1")).offset(1).delete());
        assertEquals(List.of(4L, 3L, 2L), dao.query().ids());
        assertEquals(List.of("4", "3", "2"), raw(jedis -> jedis.zrevrange(base("qtask") + ":id", 0, -1)));
        assertEquals(Set.of("2", "3", "4"), raw(jedis -> new TreeSet<>(jedis.zrange(base("qtask") + ":idx:score", 0, -1))));
        assertEquals(Set.of("2", "4"), setMembers(base("qtask") + ":idx:owner:o0"));
        assertEquals(Set.of("3"), setMembers(base("qtask") + ":idx:owner:o1"));
    }
}
