package dev.redao.it.query;

import static dev.redao.it.query.Reference.NUMERIC;
import static dev.redao.it.query.Reference.UTF8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.runtime.query.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand objects, saved in batches of a thousand, with many equal values and some nulls:
 * every page of a sorted query, laid end to end, is the whole order, and matches the reference.
 */
class LargeSortAndPageTest extends QueryTestSupport {
    private static final int N = 10_000;
    private static final int PAGE = 500;

    private ReadingDao dao;
    private List<Reading> all;

    @BeforeEach
    void save() {
        dao = new ReadingDao(store);
        all = new ArrayList<>(N);
        for (int batch = 0; batch < N / 1000; batch++) {
            List<Reading> readings = new ArrayList<>(1000);
            for (int j = 0; j < 1000; j++) {
                int i = batch * 1000 + j;
                readings.add(new Reading(null, i % 100, "s" + (i % 37),
                        i % 13 == 0 ? null : (int) ((i * 7919L) % 500),
                        i % 11 == 0 ? null : (i % 250) * 0.5));
            }
            all.addAll(dao.saveAll(readings));
        }
        assertEquals(N, dao.count());
        assertEquals(N, all.get(N - 1).id());
    }

    private static Function<Reading, String> id() {
        return r -> Long.toString(r.id());
    }

    private static List<Long> ids(List<Reading> readings) {
        return readings.stream().map(Reading::id).toList();
    }

    private static List<Long> allPages(Query<Reading, Long> q, int size) {
        List<Long> out = new ArrayList<>();
        for (int offset = 0; ; offset += size) {
            List<Long> page = q.offset(offset).limit(size).ids();
            out.addAll(page);
            if (page.size() < size) {
                return out;
            }
        }
    }

    @Test
    void pagesOfASortedIndexSort() {
        List<Reading> asc = Reference.sorted(all, Reading::bucket, Comparator.<Integer>naturalOrder(), false, id(), UTF8, NUMERIC);
        assertEquals(ids(asc), allPages(dao.query().sortBy(ReadingQuery.bucket.asc()), PAGE));
        List<Reading> desc = Reference.sorted(all, Reading::bucket, Comparator.<Integer>naturalOrder(), true, id(), UTF8, NUMERIC);
        assertEquals(ids(desc), dao.query().sortBy(ReadingQuery.bucket.desc()).ids());
        for (int offset : new int[] {0, 99, 100, 4_321, 9_900, 9_999, 10_000}) {
            assertEquals(ids(Reference.page(desc, offset, 250)),
                    dao.query().sortBy(ReadingQuery.bucket.desc()).offset(offset).limit(250).ids(), "offset " + offset);
        }
    }

    @Test
    void pagesOfASortedIndexSortWithNulls() {
        Comparator<Double> natural = Comparator.naturalOrder();
        List<Reading> asc = Reference.sorted(all, Reading::value, natural, false, id(), UTF8, NUMERIC);
        assertEquals(ids(asc), allPages(dao.query().sortBy(ReadingQuery.value.asc()), PAGE));
        List<Reading> desc = Reference.sorted(all, Reading::value, natural, true, id(), UTF8, NUMERIC);
        assertEquals(ids(desc), allPages(dao.query().sortBy(ReadingQuery.value.desc()), 1_500));
        long withValue = all.stream().filter(r -> r.value() != null).count();
        int around = (int) withValue - 7;
        assertEquals(ids(Reference.page(desc, around, 20)), dao.query().sortBy(ReadingQuery.value.desc()).offset(around).limit(20).ids(),
                "a page across the last value and the first null");
        assertEquals(asc.subList(around, around + 20), dao.query().sortBy(ReadingQuery.value.asc()).offset(around).limit(20).list());
    }

    @Test
    void pagesOfAStoredValueSort() {
        Comparator<Integer> natural = Comparator.naturalOrder();
        List<Reading> asc = Reference.sorted(all, Reading::level, natural, false, id(), NUMERIC, NUMERIC);
        assertEquals(ids(asc), allPages(dao.query().sortBy(ReadingQuery.level.asc()), 2_000));
        List<Reading> desc = Reference.sorted(all, Reading::level, natural, true, id(), NUMERIC, NUMERIC);
        assertEquals(ids(Reference.page(desc, 9_000, 1_000)), dao.query().sortBy(ReadingQuery.level.desc()).offset(9_000).limit(1_000).ids());
        List<Reading> bySensor = Reference.sorted(all, Reading::sensor, UTF8, true, id(), NUMERIC, NUMERIC);
        assertEquals(ids(Reference.page(bySensor, 3_000, 100)), dao.query().sortBy(ReadingQuery.sensor.desc()).offset(3_000).limit(100).ids());
    }

    @Test
    void filteredSortedPagedAndCounted() {
        Predicate<Reading> match = r -> Set.of("s1", "s2", "s3").contains(r.sensor())
                && r.value() != null && r.value() >= 10 && r.value() <= 100 && r.bucket() != 42;
        Query<Reading, Long> q = dao.query()
                .filter(ReadingQuery.sensor.in("s1", "s2", "s3"))
                .filter(ReadingQuery.value.between(10.0, 100.0))
                .exclude(ReadingQuery.bucket.eq(42));
        List<Reading> expected = all.stream().filter(match).toList();
        assertEquals(expected.size(), q.count());
        assertEquals(expected.size(), q.offset(10).limit(3).count());
        assertEquals(ids(expected), allPages(q, 97), "id order without a sort");
        List<Reading> byBucket = Reference.sorted(expected, Reading::bucket, Comparator.<Integer>naturalOrder(), true, id(), UTF8, NUMERIC);
        assertEquals(ids(byBucket), allPages(q.sortBy(ReadingQuery.bucket.desc()), 50));
        List<Reading> byLevel = Reference.sorted(expected, Reading::level, Comparator.<Integer>naturalOrder(), false, id(), NUMERIC, NUMERIC);
        assertEquals(byLevel.subList(5, 25), q.sortBy(ReadingQuery.level.asc()).offset(5).limit(20).list());
    }

    @Test
    void idOrderOfTheWholeModel() {
        List<Long> expected = ids(all);
        assertEquals(expected, dao.query().ids());
        assertEquals(expected, allPages(dao.query(), 999));
        assertEquals(all.subList(9_990, 10_000), dao.query().offset(9_990).list());
        assertEquals(expected.subList(0, 3), dao.query().limit(3).ids());
    }
}
