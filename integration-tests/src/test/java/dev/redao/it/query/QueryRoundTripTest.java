package dev.redao.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.query.Query;
import dev.redao.testsupport.LocalRedis;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every terminal operation is exactly one round trip, an EVALSHA of the model's query script, on a
 * Redis server of this class's own: MONITOR lists every command a client sent (the script's own
 * commands are marked as Lua's and not counted), and INFO commandstats confirms one EVALSHA and no
 * EVAL. A query that can match nothing makes no round trip at all.
 */
class QueryRoundTripTest {
    private static LocalRedis redis;
    private static CommandLog log;

    private String ns;
    private RedisStore store;
    private ItemDao dao;

    @BeforeAll
    static void startServer() {
        redis = LocalRedis.start();
        log = new CommandLog(redis);
    }

    @AfterAll
    static void stopServer() {
        if (log != null) {
            log.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void fixture() {
        ns = RedisTestSupport.newNamespace();
        store = QueryTestSupport.connect(redis, ns);
        dao = new ItemDao(store);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(Item.named("item" + i).withShade(Shade.values()[i % 5]).withRank(i % 7).withQty(i)
                    .withPrice(BigDecimal.valueOf(i, 1)).withNote(i % 4 == 0 ? null : "note" + (i % 3)).withLevel(i % 6)
                    .withCode("code" + i));
        }
        dao.saveAll(items);
        // the scripts are loaded (reads, and delete()'s, which carries the delete), and the pool
        // holds a ready connection
        dao.query().count();
        dao.query().filter(ItemQuery.qty.gt(Long.MAX_VALUE)).delete();
    }

    @AfterEach
    void cleanUp() {
        try {
            Set<String> keys = RedisTestSupport.keys(store, ns);
            store.execute(jedis -> jedis.del(keys.toArray(String[]::new)));
        } finally {
            store.close();
        }
    }

    /** Redis 7 runs a read-only script as EVALSHA_RO; 6.2 has none, so reads go as EVALSHA there. */
    private static String read() {
        return redis.version().startsWith("6.") ? "evalsha" : "evalsha_ro";
    }

    /** Runs {@code op} and asserts that it made exactly one round trip, an EVALSHA_RO (a read). */
    private <R> R oneRoundTrip(String what, Supplier<R> op) {
        return roundTrips(what, 1, read(), op);
    }

    /** Runs {@code op} and asserts that it made exactly one round trip, an EVALSHA (a write). */
    private <R> R oneWrite(String what, Supplier<R> op) {
        return roundTrips(what, 1, "evalsha", op);
    }

    private <R> R roundTrips(String what, int expected, Supplier<R> op) {
        return roundTrips(what, expected, read(), op);
    }

    private <R> R roundTrips(String what, int expected, String command, Supplier<R> op) {
        Map<String, Long> before = log.commandCalls();
        log.clientCommands();
        R result = op.get();
        List<String> sent = log.clientCommands();
        Map<String, Long> after = log.commandCalls();
        List<String> names = CommandLog.names(sent);
        List<String> want = new ArrayList<>();
        for (int i = 0; i < expected; i++) {
            want.add(command);
        }
        assertEquals(want, names, what + ": the client sent " + sent);
        assertEquals(expected, delta(before, after, command), what + ": " + command + " calls");
        assertEquals(0, delta(before, after, "eval") + delta(before, after, "eval_ro"),
                what + ": EVAL calls (the script text was not re-sent)");
        return result;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String command) {
        return after.getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
    }

    @Test
    void everyTerminalOperationIsOneScriptCall() {
        Query<Item, Long> q = dao.query()
                .filter(ItemQuery.shade.in(Shade.RED, Shade.BLUE, Shade.AMBER))
                .filter(ItemQuery.rank.between(1, 5))
                .exclude(ItemQuery.code.eq("code3"))
                .union(ItemQuery.name.startsWith("item2").and(ItemQuery.name.endsWith("7")))
                .exclude(ItemQuery.name.contains("9"))
                .sortBy(ItemQuery.price.desc())
                .offset(1).limit(5);
        List<Item> list = oneRoundTrip("list", q::list);
        assertEquals(5, list.size());
        assertEquals(list.stream().map(Item::id).toList(), oneRoundTrip("ids", q::ids));
        long count = oneRoundTrip("count", q::count);
        assertTrue(count > 5);
        assertTrue(oneRoundTrip("exists", q::exists));
        assertEquals(list.get(0), oneRoundTrip("first", () -> q.first().orElseThrow()));
        assertEquals(list.stream().map(Item::name).toList(),
                oneRoundTrip("loadOnly", () -> q.loadOnly(ItemQuery.name).list()).stream().map(Item::name).toList());
        // the script-side sorts and the default order
        assertEquals(10, oneRoundTrip("stored-value sort", () -> dao.query().sortBy(ItemQuery.note.asc()).limit(10).list()).size());
        assertEquals(30, oneRoundTrip("numeric stored-value sort", () -> dao.query().sortBy(ItemQuery.level.desc()).ids()).size());
        assertEquals(30, oneRoundTrip("no sort", () -> dao.query().list()).size());
        assertEquals(2, oneRoundTrip("id lookups", () -> dao.query().filter(ItemQuery.id.in(1L, 2L, 99L)).count()));
        assertEquals(3L, oneWrite("delete", () -> dao.query().filter(ItemQuery.qty.ge(27L)).delete()));
        assertEquals(27, dao.count());
    }

    @Test
    void aQueryThatCanMatchNothingMakesNoRoundTrip() {
        Query<Item, Long> none = dao.query().filter(ItemQuery.name.in()).sortBy(ItemQuery.rank.asc());
        assertEquals(List.of(), roundTrips("list", 0, none::list));
        assertEquals(List.of(), roundTrips("ids", 0, none::ids));
        assertEquals(0L, roundTrips("count", 0, none::count));
        assertFalse(roundTrips("exists", 0, none::exists));
        assertTrue(roundTrips("first", 0, none::first).isEmpty());
        assertEquals(0L, roundTrips("delete", 0, none::delete));
        Query<Item, Long> folded = dao.query().filter(ItemQuery.shade.eq(Shade.RED).and(ItemQuery.code.in(List.of())))
                .union(ItemQuery.rank.in())
                .intersect(dao.query().exclude(ItemQuery.id.in()));
        assertEquals(0L, roundTrips("folded count", 0, folded::count));
        assertEquals(List.of(), roundTrips("limit 0", 0, () -> dao.query().limit(0).list()));
        assertEquals(List.of(), roundTrips("limit 0 ids", 0, () -> dao.query().limit(0).ids()));
        assertEquals(0L, roundTrips("limit 0 delete", 0, () -> dao.query().limit(0).delete()));
        // an empty in() inside exclude/union folds away, and the rest still runs as one call
        assertEquals(30L, oneRoundTrip("exclude nothing", () -> dao.query().exclude(ItemQuery.name.in()).count()));
        assertEquals(6L, oneRoundTrip("union nothing",
                () -> dao.query().filter(ItemQuery.shade.eq(Shade.RED)).union(ItemQuery.rank.in()).count()));
        assertEquals(30, dao.count());
    }

    @Test
    void theScriptIsSentAgainAfterScriptFlush() {
        Map<String, Long> before = log.commandCalls();
        store.execute(jedis -> jedis.scriptFlush());
        log.clientCommands();
        assertEquals(30, dao.query().count());
        List<String> names = CommandLog.names(log.clientCommands());
        String text = read().equals("evalsha") ? "eval" : "eval_ro";
        assertEquals(List.of(read(), text), names, "NOSCRIPT, then the text once");
        assertEquals(30L, oneRoundTrip("after reload", dao.query()::count));
        Map<String, Long> after = log.commandCalls();
        assertEquals(1, delta(before, after, text));
    }
}
