package dev.redao.it.query;

import static dev.redao.it.query.Reference.NUMERIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.redao.runtime.query.Condition;
import dev.redao.runtime.query.EqualityField;
import dev.redao.runtime.query.Field;
import dev.redao.runtime.query.Query;
import dev.redao.runtime.query.RangeField;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Random queries against random data, each checked against the same query worked out in plain
 * Java over the saved objects: random trees of filter / exclude / union / intersect over every
 * operator, a random sort field and direction, a random page, and every terminal operation; then
 * random deletes, after which every index must hold exactly the remaining objects.
 *
 * <p>The seed is fixed (override with {@code -Dredao.query.seed=...}); a mismatch prints it with the
 * query and both results. Ids are six digits wide, so that their text order and their numeric
 * order agree (the order of equal values is compared exactly, whichever rule applies).
 */
class RandomizedQueryTest extends QueryTestSupport {
    private static final long SEED = Long.getLong("redao.query.seed", 0x5EED_2024_1122L);
    private static final int OBJECTS = 3_000;
    private static final int QUERIES = 400;
    private static final int DELETES = 25;
    private static final int QUERIES_AFTER_DELETES = 100;

    private static final String[] TOKENS = {"a", "b", "c", "A", "Z", ".", "%", "[", "é", "ab", "x"};
    private static final Character[] GRADES = {'a', 'b', 'c', 'A', 'Z', '[', 'é'};
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final LocalDate D0 = LocalDate.parse("2024-01-01");

    private Random rnd;
    private ItemDao dao;
    private final Map<Long, Item> saved = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<java.util.UUID> refs = new ArrayList<>();
    private final List<String> codes = new ArrayList<>();
    private int checked;
    private int nonEmptyPages;
    private int partialMatches;

    /** A condition for Redao and the same condition in Java, with how to print it. */
    private record Cond(Condition<Item> condition, Predicate<Item> test, String text) {}

    /** A query for Redao and its filter in Java. */
    private record Q(Query<Item, Long> query, Predicate<Item> test, String text) {}

    @Test
    void randomQueriesMatchTheReference() {
        rnd = new Random(SEED);
        dao = new ItemDao(store);
        saveRandomObjects();

        for (int n = 0; n < QUERIES; n++) {
            checkRandomQuery(n);
            if (n % 50 == 49) {
                assertNoTemporaryKeys();
            }
        }
        assertItemKeysExactly(saved.values());

        for (int n = 0; n < DELETES; n++) {
            deleteRandomly(n);
        }
        assertItemKeysExactly(saved.values());
        assertEquals(saved.size(), dao.count());
        for (int n = 0; n < QUERIES_AFTER_DELETES; n++) {
            checkRandomQuery(QUERIES + n);
        }
        System.out.println("RandomizedQueryTest: seed " + SEED + ", " + checked + " results checked, "
                + nonEmptyPages + " non-empty pages, " + partialMatches + " queries matching some but not all objects, "
                + saved.size() + " objects left");
    }

    // ---- data

    private String randomText(int maxTokens) {
        StringBuilder s = new StringBuilder();
        int n = rnd.nextInt(maxTokens + 1);
        for (int i = 0; i < n; i++) {
            s.append(TOKENS[rnd.nextInt(TOKENS.length)]);
        }
        return s.toString();
    }

    private <T> T pick(List<T> from) {
        return from.get(rnd.nextInt(from.size()));
    }

    private <T> T orNull(double nullChance, Supplier<T> value) {
        return rnd.nextDouble() < nullChance ? null : value.get();
    }

    private double weightValue() {
        return (rnd.nextInt(81) - 40) * 0.25;
    }

    private BigDecimal priceValue() {
        BigDecimal p = BigDecimal.valueOf(rnd.nextInt(801) * 25L, 2);
        return rnd.nextInt(5) == 0 ? p.setScale(3, RoundingMode.UNNECESSARY) : p;
    }

    private Instant atValue() {
        return T0.plusMillis(rnd.nextInt(300) * 3_600_000L + rnd.nextInt(3) * 7L);
    }

    private void saveRandomObjects() {
        for (int i = 0; i < 80; i++) {
            names.add(randomText(4));
        }
        for (int i = 0; i < 40; i++) {
            notes.add(randomText(3));
        }
        for (int i = 0; i < 6; i++) {
            refs.add(new java.util.UUID(rnd.nextLong(), rnd.nextLong()));
        }
        List<Long> ids = new ArrayList<>();
        for (long id = 100_000; id < 100_000 + OBJECTS * 3L; id++) {
            ids.add(id);
        }
        java.util.Collections.shuffle(ids, rnd);
        List<Item> batch = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            String code = rnd.nextInt(5) == 0 ? null : "k" + Integer.toString(rnd.nextInt(1_000_000), 36) + "-" + i;
            if (code != null) {
                codes.add(code);
            }
            Item item = new Item(ids.get(i),
                    orNull(0.1, () -> pick(names)),
                    orNull(0.1, () -> Shade.values()[rnd.nextInt(Shade.values().length)]),
                    orNull(0.15, rnd::nextBoolean),
                    orNull(0.1, () -> GRADES[rnd.nextInt(GRADES.length)]),
                    orNull(0.1, () -> pick(refs)),
                    orNull(0.1, () -> rnd.nextInt(41) - 20),
                    rnd.nextInt(61),
                    orNull(0.1, this::weightValue),
                    orNull(0.1, this::priceValue),
                    orNull(0.1, this::atValue),
                    orNull(0.1, () -> D0.plusDays(rnd.nextInt(90))),
                    code,
                    orNull(0.15, () -> pick(notes)),
                    orNull(0.15, () -> rnd.nextInt(11) - 5),
                    rnd.nextBoolean() ? List.of() : List.of("t" + rnd.nextInt(3)));
            batch.add(item);
            if (batch.size() == 1_000 || i == OBJECTS - 1) {
                for (Item s : dao.saveAll(batch)) {
                    saved.put(s.id(), s);
                }
                batch.clear();
            }
        }
        assertEquals(OBJECTS, dao.count());
    }

    // ---- random conditions

    private static Cond cond(String text, Condition<Item> c, Predicate<Item> test) {
        return new Cond(c, test, text);
    }

    private static String show(Object v) {
        if (v instanceof String s) {
            return '"' + s + '"';
        }
        if (v instanceof Character c) {
            return "'" + c + "'";
        }
        return String.valueOf(v);
    }

    private static String showAll(Collection<?> values) {
        StringBuilder s = new StringBuilder();
        for (Object v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(show(v));
        }
        return s.toString();
    }

    /** How many values an {@code in} gets: sometimes none. */
    private int inSize() {
        return rnd.nextInt(12) == 0 ? 0 : 1 + rnd.nextInt(3);
    }

    private String nameValue() {
        return rnd.nextInt(10) == 0 ? randomText(2) : pick(names);
    }

    /** A piece of a known name: a prefix, an infix or a suffix of it, or random text. */
    private String namePiece(int kind) {
        if (rnd.nextInt(6) == 0) {
            return randomText(2);
        }
        String n = pick(names);
        int a = rnd.nextInt(n.length() + 1);
        int b = rnd.nextInt(n.length() + 1);
        return switch (kind) {
            case 0 -> n.substring(0, a);
            case 1 -> n.substring(Math.min(a, b), Math.max(a, b));
            default -> n.substring(a);
        };
    }

    private Cond stringLeaf() {
        Function<Item, String> get = Item::name;
        switch (rnd.nextInt(5)) {
            case 0: {
                String v = nameValue();
                return cond("name.eq(" + show(v) + ")", ItemQuery.name.eq(v), i -> v.equals(get.apply(i)));
            }
            case 1: {
                List<String> vs = new ArrayList<>();
                for (int k = inSize(); k > 0; k--) {
                    vs.add(nameValue());
                }
                Set<String> set = new HashSet<>(vs);
                return cond("name.in(" + showAll(vs) + ")", ItemQuery.name.in(vs), i -> get.apply(i) != null && set.contains(get.apply(i)));
            }
            case 2: {
                String p = namePiece(0);
                return cond("name.startsWith(" + show(p) + ")", ItemQuery.name.startsWith(p),
                        i -> get.apply(i) != null && get.apply(i).startsWith(p));
            }
            case 3: {
                String p = namePiece(1);
                return cond("name.contains(" + show(p) + ")", ItemQuery.name.contains(p),
                        i -> get.apply(i) != null && get.apply(i).contains(p));
            }
            default: {
                String p = namePiece(2);
                return cond("name.endsWith(" + show(p) + ")", ItemQuery.name.endsWith(p),
                        i -> get.apply(i) != null && get.apply(i).endsWith(p));
            }
        }
    }

    private <V> Cond equalityLeaf(String field, EqualityField<Item, V> handle, Function<Item, V> get, Supplier<V> value) {
        if (rnd.nextBoolean()) {
            V v = value.get();
            return cond(field + ".eq(" + show(v) + ")", handle.eq(v), i -> v.equals(get.apply(i)));
        }
        List<V> vs = new ArrayList<>();
        for (int k = inSize(); k > 0; k--) {
            vs.add(value.get());
        }
        Set<V> set = new HashSet<>(vs);
        return cond(field + ".in(" + showAll(vs) + ")", handle.in(vs), i -> get.apply(i) != null && set.contains(get.apply(i)));
    }

    private static <V extends Comparable<? super V>> int compare(V a, V b) {
        return a.compareTo(b);
    }

    private <V extends Comparable<? super V>> Cond rangeLeaf(String field, RangeField<Item, V> handle, Function<Item, V> get,
            Supplier<V> value) {
        V a = value.get();
        V b = value.get();
        Predicate<Item> present = i -> get.apply(i) != null;
        switch (rnd.nextInt(7)) {
            case 0:
                return cond(field + ".eq(" + show(a) + ")", handle.eq(a), present.and(i -> compare(get.apply(i), a) == 0));
            case 1: {
                List<V> vs = new ArrayList<>();
                for (int k = inSize(); k > 0; k--) {
                    vs.add(value.get());
                }
                return cond(field + ".in(" + showAll(vs) + ")", handle.in(vs),
                        present.and(i -> vs.stream().anyMatch(v -> compare(get.apply(i), v) == 0)));
            }
            case 2:
                return cond(field + ".gt(" + show(a) + ")", handle.gt(a), present.and(i -> compare(get.apply(i), a) > 0));
            case 3:
                return cond(field + ".ge(" + show(a) + ")", handle.ge(a), present.and(i -> compare(get.apply(i), a) >= 0));
            case 4:
                return cond(field + ".lt(" + show(a) + ")", handle.lt(a), present.and(i -> compare(get.apply(i), a) < 0));
            case 5:
                return cond(field + ".le(" + show(a) + ")", handle.le(a), present.and(i -> compare(get.apply(i), a) <= 0));
            default: {
                // mostly low <= high; sometimes reversed, which matches nothing
                V lo = rnd.nextInt(8) == 0 || compare(a, b) <= 0 ? a : b;
                V hi = lo == a ? b : a;
                return cond(field + ".between(" + show(lo) + ", " + show(hi) + ")", handle.between(lo, hi),
                        present.and(i -> compare(get.apply(i), lo) >= 0 && compare(get.apply(i), hi) <= 0));
            }
        }
    }

    private Cond leaf() {
        switch (rnd.nextInt(16)) {
            case 0:
            case 1:
            case 2:
                return stringLeaf();
            case 3:
                return equalityLeaf("shade", ItemQuery.shade, Item::shade, () -> Shade.values()[rnd.nextInt(Shade.values().length)]);
            case 4:
                return equalityLeaf("flag", ItemQuery.flag, Item::flag, rnd::nextBoolean);
            case 5:
                return equalityLeaf("grade", ItemQuery.grade, Item::grade, () -> GRADES[rnd.nextInt(GRADES.length)]);
            case 6:
                return equalityLeaf("ref", ItemQuery.ref, Item::ref,
                        () -> rnd.nextInt(8) == 0 ? new java.util.UUID(1, rnd.nextInt(3)) : pick(refs));
            case 7:
                return rangeLeaf("rank", ItemQuery.rank, Item::rank, () -> rnd.nextInt(45) - 22);
            case 8:
                return rangeLeaf("qty", ItemQuery.qty, Item::qty, () -> (long) rnd.nextInt(66) - 2);
            case 9:
                return rangeLeaf("weight", ItemQuery.weight, Item::weight,
                        () -> weightValue() + (rnd.nextInt(4) == 0 ? 0.125 : 0.0));
            case 10:
                return rangeLeaf("price", ItemQuery.price, Item::price, this::priceValue);
            case 11:
                return rangeLeaf("at", ItemQuery.at, Item::at, this::atValue);
            case 12:
                return rangeLeaf("day", ItemQuery.day, Item::day, () -> D0.plusDays(rnd.nextInt(94) - 2));
            case 13: {
                List<String> vs = new ArrayList<>();
                for (int k = inSize(); k > 0; k--) {
                    vs.add(rnd.nextInt(5) == 0 ? "no-such-code" + rnd.nextInt(3) : pick(codes));
                }
                Set<String> set = new HashSet<>(vs);
                return cond("code.in(" + showAll(vs) + ")", ItemQuery.code.in(vs), i -> i.code() != null && set.contains(i.code()));
            }
            case 14: {
                List<Long> vs = new ArrayList<>();
                List<Long> known = new ArrayList<>(saved.keySet());
                for (int k = inSize() * 3; k > 0; k--) {
                    vs.add(rnd.nextInt(5) == 0 ? 100_000L + OBJECTS * 3L + rnd.nextInt(10) : pick(known));
                }
                Set<Long> set = new HashSet<>(vs);
                return cond("id.in(" + showAll(vs) + ")", ItemQuery.id.in(vs), i -> set.contains(i.id()));
            }
            default:
                return rnd.nextBoolean() ? stringLeaf() : rangeLeaf("rank", ItemQuery.rank, Item::rank, () -> rnd.nextInt(45) - 22);
        }
    }

    private Cond condition(int depth) {
        if (depth > 0 && rnd.nextInt(10) < 3) {
            Cond a = condition(depth - 1);
            Cond b = condition(depth - 1);
            if (rnd.nextBoolean()) {
                return cond("(" + a.text + ").and(" + b.text + ")", a.condition.and(b.condition), a.test.and(b.test));
            }
            return cond("(" + a.text + ").or(" + b.text + ")", a.condition.or(b.condition), a.test.or(b.test));
        }
        return leaf();
    }

    // ---- random queries

    /** A random filter (the sort and page of a query passed to union/intersect are ignored, so add some). */
    private Q randomFilter(int depth) {
        Query<Item, Long> q = dao.query();
        Predicate<Item> test = i -> true;
        StringBuilder text = new StringBuilder("query()");
        int steps = 1 + rnd.nextInt(depth > 0 ? 4 : 2);
        for (int s = 0; s < steps; s++) {
            int verb = s == 0 && rnd.nextInt(5) > 0 ? 0 : rnd.nextInt(depth > 0 ? 6 : 4);
            if (verb < 4) {
                Cond c = condition(2);
                switch (verb) {
                    case 0 -> {
                        q = q.filter(c.condition);
                        test = test.and(c.test);
                        text.append(".filter(").append(c.text).append(')');
                    }
                    case 1 -> {
                        q = q.exclude(c.condition);
                        test = test.and(c.test.negate());
                        text.append(".exclude(").append(c.text).append(')');
                    }
                    case 2 -> {
                        q = q.union(c.condition);
                        test = test.or(c.test);
                        text.append(".union(").append(c.text).append(')');
                    }
                    default -> {
                        q = q.intersect(c.condition);
                        test = test.and(c.test);
                        text.append(".intersect(").append(c.text).append(')');
                    }
                }
            } else {
                Q other = randomFilter(depth - 1);
                Query<Item, Long> o = other.query.sortBy(ItemQuery.rank.desc()).offset(rnd.nextInt(3)).limit(1 + rnd.nextInt(3));
                if (verb == 4) {
                    q = q.union(o);
                    test = test.or(other.test);
                    text.append(".union(").append(other.text).append(')');
                } else {
                    q = q.intersect(o);
                    test = test.and(other.test);
                    text.append(".intersect(").append(other.text).append(')');
                }
            }
        }
        return new Q(q, test, text.toString());
    }

    /** A random query with its expected results in order, before paging. */
    private record Planned(Query<Item, Long> query, String text, List<Item> ordered, List<Item> matches) {}

    private Planned plan() {
        Q f = randomFilter(1);
        List<Item> matches = saved.values().stream().filter(f.test).toList();
        Query<Item, Long> q = f.query;
        String text = f.text;
        List<Item> ordered;
        if (rnd.nextInt(4) == 0) {
            ordered = Reference.byId(matches, i -> Long.toString(i.id()), NUMERIC);
        } else {
            List<Map.Entry<String, QueryVerbsTest.SortCase>> cases = new ArrayList<>(QueryVerbsTest.sortCases().entrySet());
            Map.Entry<String, QueryVerbsTest.SortCase> c = pick(cases);
            boolean desc = rnd.nextBoolean();
            QueryVerbsTest.SortCase sc = c.getValue();
            q = q.sortBy(desc ? sc.handleDesc() : sc.handleAsc());
            text += ".sortBy(" + c.getKey() + (desc ? ".desc())" : ".asc())");
            ordered = Reference.sorted(matches, sc.value(), sc.order(), desc, i -> Long.toString(i.id()), sc.ties(), NUMERIC);
        }
        return new Planned(q, text, ordered, matches);
    }

    private void checkRandomQuery(int n) {
        Planned p = plan();
        int offset = rnd.nextBoolean() ? 0 : rnd.nextInt(p.matches.size() + 5);
        int limit = rnd.nextInt(20) < 7 ? -1 : rnd.nextInt(40);
        Query<Item, Long> q = p.query;
        String text = p.text;
        if (offset > 0 || rnd.nextBoolean()) {
            q = q.offset(offset);
            text += ".offset(" + offset + ")";
        }
        if (limit >= 0) {
            q = q.limit(limit);
            text += ".limit(" + limit + ")";
        }
        List<Item> page = Reference.page(p.ordered, offset, limit);
        nonEmptyPages += page.isEmpty() ? 0 : 1;
        partialMatches += p.matches.isEmpty() || p.matches.size() == saved.size() ? 0 : 1;
        String what = "query #" + n + " (seed " + SEED + "): " + text;

        same(what + " .ids()", page.stream().map(Item::id).toList(), q.ids());
        same(what + " .count()", (long) p.matches.size(), q.count());
        if (n % 2 == 0) {
            same(what + " .list()", page, q.list());
        }
        if (n % 3 == 0) {
            same(what + " .exists()", !p.matches.isEmpty(), q.exists());
        }
        if (n % 5 == 0) {
            // first() is the first result within the offset and the limit
            Item expectedFirst = limit != 0 && offset < p.ordered.size() ? p.ordered.get(offset) : null;
            same(what + " .first()", expectedFirst, q.first().orElse(null));
        }
        if (n % 7 == 3) {
            List<Field<Item>> all = List.of(ItemQuery.name, ItemQuery.shade, ItemQuery.flag, ItemQuery.grade, ItemQuery.ref,
                    ItemQuery.rank, ItemQuery.qty, ItemQuery.weight, ItemQuery.price, ItemQuery.at, ItemQuery.day,
                    ItemQuery.code, ItemQuery.note, ItemQuery.level, ItemQuery.tags);
            List<Field<Item>> chosen = new ArrayList<>();
            for (Field<Item> f : all) {
                if (rnd.nextInt(3) == 0) {
                    chosen.add(f);
                }
            }
            if (chosen.isEmpty()) {
                chosen.add(ItemQuery.note);
            }
            Set<String> fields = new HashSet<>();
            chosen.forEach(f -> fields.add(f.name()));
            @SuppressWarnings("unchecked")
            Field<Item>[] array = chosen.toArray(Field[]::new);
            same(what + ".loadOnly(" + fields + ").list()", page.stream().map(i -> only(i, fields)).toList(),
                    q.loadOnly(array).list());
        }
    }

    /** The item as loadOnly(fields) reads it. */
    private static Item only(Item i, Set<String> f) {
        return new Item(i.id(),
                f.contains("name") ? i.name() : null,
                f.contains("shade") ? i.shade() : null,
                f.contains("flag") ? i.flag() : null,
                f.contains("grade") ? i.grade() : null,
                f.contains("ref") ? i.ref() : null,
                f.contains("rank") ? i.rank() : null,
                f.contains("qty") ? i.qty() : 0L,
                f.contains("weight") ? i.weight() : null,
                f.contains("price") ? i.price() : null,
                f.contains("at") ? i.at() : null,
                f.contains("day") ? i.day() : null,
                f.contains("code") ? i.code() : null,
                f.contains("note") ? i.note() : null,
                f.contains("level") ? i.level() : null,
                f.contains("tags") ? i.tags() : null);
    }

    private void deleteRandomly(int n) {
        Planned p = plan();
        int offset = rnd.nextInt(Math.max(1, Math.min(p.matches.size(), 30)));
        int limit = rnd.nextInt(25);
        List<Item> doomed = Reference.page(p.ordered, offset, limit);
        String what = "delete #" + n + " (seed " + SEED + "): " + p.text + ".offset(" + offset + ").limit(" + limit + ")";
        same(what + " .ids()", doomed.stream().map(Item::id).toList(), p.query.offset(offset).limit(limit).ids());
        same(what + " .delete()", (long) doomed.size(), p.query.offset(offset).limit(limit).delete());
        doomed.forEach(i -> saved.remove(i.id()));
        same(what + " then .count()", (long) p.matches.size() - doomed.size(), p.query.count());
    }

    private void same(String what, Object expected, Object actual) {
        checked++;
        if (!Objects.equals(expected, actual)) {
            String where = "";
            if (expected instanceof List<?> e && actual instanceof List<?> a) {
                int i = 0;
                while (i < e.size() && i < a.size() && Objects.equals(e.get(i), a.get(i))) {
                    i++;
                }
                where = "\n  first difference at index " + i;
            }
            String message = "MISMATCH in " + what + where + "\n  expected: " + describe(expected)
                    + "\n  actual:   " + describe(actual);
            System.out.println(message);
            fail(message);
        }
    }

    private static String describe(Object result) {
        if (result instanceof List<?> list) {
            List<Object> shown = new ArrayList<>();
            for (Object o : list) {
                if (shown.size() == 100) {
                    shown.add("...");
                    break;
                }
                shown.add(o instanceof Item i ? i.id() + ":" + i : o);
            }
            return list.size() + " results " + shown;
        }
        return String.valueOf(result);
    }
}
