package dev.redao.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.query.Query;
import dev.redao.testsupport.LocalRedis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A sort by a sorted index takes one of three ways, chosen by the sizes the script reads
 * (docs/queries.md, "How the script plans"): it walks the index for a filter that holds much of it,
 * asks Redis for ZINTER of a short filter of keys with the index, and sorts a short filter of
 * other kinds itself. Each way is seen in the commands Redis ran (INFO commandstats, on a server of
 * the test's own) and gives the page the reference gives, both directions, with an offset, and
 * with the objects that have no value last.
 */
class QueryPlanTest extends RedisTestSupport {
    private static final int OBJECTS = 4_000;
    /** One object in this many is "rare"; the others are "common". */
    private static final int RARE_EVERY = 200;

    private static LocalRedis redis;
    private static RedisStore store;
    private static Jedis admin;
    private static ReadingDao dao;
    private static final List<Reading> saved = new ArrayList<>();

    @BeforeAll
    static void fill() {
        assumeTrue(onOneServer(), "counts the commands of a server of its own: runs with the one-server deployment");
        redis = LocalRedis.startOwn();
        store = QueryTestSupport.connect(redis, RedisTestSupport.newNamespace());
        admin = new Jedis(redis.host(), redis.port());
        dao = new ReadingDao(store);
        List<Reading> batch = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            String sensor = i % RARE_EVERY == 7 ? "rare" : "common";
            // distinct values (no ties to order), a few objects without one
            Double value = i % 13 == 0 ? null : (double) ((i * 7919L) % 100_003);
            batch.add(new Reading(null, i % 10, sensor, null, value));
        }
        for (int from = 0; from < OBJECTS; from += 1_000) {
            saved.addAll(dao.saveAll(batch.subList(from, from + 1_000)));
        }
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
            admin.close();
            redis.close();
        }
    }

    /** The calls of each command Redis ran while {@code query} ran, scripts' own included. */
    private static <R> Map<String, Long> commandsOf(Supplier<R> query, List<Long> expected) {
        Map<String, Long> before = calls();
        R result = query.get();
        Map<String, Long> after = calls();
        assertEquals(expected, result, "the page");
        Map<String, Long> delta = new HashMap<>();
        after.forEach((command, n) -> {
            long d = n - before.getOrDefault(command, 0L);
            if (d > 0) {
                delta.put(command, d);
            }
        });
        return delta;
    }

    private static Map<String, Long> calls() {
        Map<String, Long> out = new HashMap<>();
        for (String line : admin.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                int start = line.indexOf("calls=") + "calls=".length();
                out.put(line.substring("cmdstat_".length(), line.indexOf(':')),
                        Long.parseLong(line.substring(start, line.indexOf(',', start))));
            }
        }
        return out;
    }

    /** The reference: by value (ascending or not), then the objects without one by id; paged. */
    private static List<Long> reference(Predicate<Reading> filter, boolean descending, int offset, int limit) {
        Comparator<Reading> byValue = Comparator.comparingDouble(Reading::value);
        List<Reading> withValue = saved.stream().filter(filter).filter(r -> r.value() != null)
                .sorted(descending ? byValue.reversed() : byValue).toList();
        List<Long> ids = new ArrayList<>(withValue.stream().map(Reading::id).toList());
        saved.stream().filter(filter).filter(r -> r.value() == null).map(Reading::id).sorted().forEach(ids::add);
        return ids.subList(Math.min(offset, ids.size()), Math.min(offset + limit, ids.size()));
    }

    private static Query<Reading, Long> sorted(Query<Reading, Long> q, boolean descending, int offset, int limit) {
        return q.sortBy(descending ? ReadingQuery.value.desc() : ReadingQuery.value.asc()).offset(offset).limit(limit);
    }

    @Test
    void aFilterThatHoldsMuchOfTheIndexWalksIt() {
        for (boolean descending : new boolean[] {false, true}) {
            Query<Reading, Long> q = sorted(dao.query().filter(ReadingQuery.sensor.eq("common")), descending, 5, 20);
            Map<String, Long> ran = commandsOf(q::ids, reference(r -> r.sensor().equals("common"), descending, 5, 20));
            assertTrue(ran.getOrDefault("zrange", 0L) >= 1, "the index is read in order: " + ran);
            assertEquals(0, ran.getOrDefault("zinter", 0L), "no intersection is built: " + ran);
            assertEquals(0, ran.getOrDefault("sscan", 0L) + ran.getOrDefault("smembers", 0L),
                    "the filter's members are not read: " + ran);
        }
    }

    @Test
    void aShortFilterOfKeysIsIntersectedWithTheIndexByRedis() {
        for (boolean descending : new boolean[] {false, true}) {
            Query<Reading, Long> q = sorted(dao.query().filter(ReadingQuery.sensor.eq("rare")), descending, 3, 10);
            Map<String, Long> ran = commandsOf(q::ids, reference(r -> r.sensor().equals("rare"), descending, 3, 10));
            assertEquals(1, ran.getOrDefault("zinter", 0L), "one ZINTER: " + ran);
            assertEquals(0, ran.getOrDefault("zrange", 0L), "no walk: " + ran);
        }
        // past the objects with a value: those without one follow, by id
        Query<Reading, Long> tail = sorted(dao.query().filter(ReadingQuery.sensor.eq("rare")), false, 15, 10);
        commandsOf(tail::ids, reference(r -> r.sensor().equals("rare"), false, 15, 10));
    }

    @Test
    void aShortFilterOfAnotherKindIsSortedInTheScript() {
        Predicate<Reading> rareInRange = r -> r.sensor().equals("rare") && r.bucket() >= 5;
        for (boolean descending : new boolean[] {false, true}) {
            Query<Reading, Long> q = sorted(dao.query().filter(ReadingQuery.sensor.eq("rare")).filter(ReadingQuery.bucket.ge(5)),
                    descending, 2, 5);
            Map<String, Long> ran = commandsOf(q::ids, reference(rareInRange, descending, 2, 5));
            assertEquals(0, ran.getOrDefault("zrange", 0L) + ran.getOrDefault("zinter", 0L), "neither a walk nor ZINTER: " + ran);
            assertTrue(ran.getOrDefault("zmscore", 0L) >= 1, "the candidates' scores are read: " + ran);
        }
    }
}
