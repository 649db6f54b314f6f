package dev.redao.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.runtime.QueryTooLongException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.query.Query;
import dev.redao.testsupport.LocalRedis;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A query that reads a whole big model ({@code contains} tests every object's stored field) on a
 * server of its own: it stores nothing, so SCRIPT KILL stops it; and it stops itself, having
 * written nothing, once it has run for longer than the connection's timeout allows.
 */
class LongQueryTest extends RedisTestSupport {
    /**
     * Enough objects that reading each one's field takes far longer than half the short timeout
     * below, on any machine; the other half leaves the error time to arrive on a busy one.
     */
    private static final int OBJECTS = 600_000;

    private static LocalRedis redis;
    private static String namespace;
    private static String idSet;

    @BeforeAll
    static void fill() {
        // a server of its own, the same whatever the deployment: run once, with the one-server suite
        assumeTrue(onOneServer(), "starts a server of its own: runs with the one-server deployment");
        redis = LocalRedis.startOwn();
        namespace = RedisTestSupport.newNamespace();
        idSet = RedisTestSupport.nsKey(namespace, "{qitem}") + ":id";
        try (RedisStore store = QueryTestSupport.connect(redis, namespace); Jedis jedis = new Jedis(redis.host(), redis.port(), 120_000)) {
            new ItemDao(store).save(Item.named("first")); // the model's keys, as Redao writes them
            // the rest written in one script: each object's hash with its id and name, and the id set
            jedis.eval("""
                    local base = string.sub(KEYS[1], 1, -4)
                    for i = 2, tonumber(ARGV[1]) do
                      redis.call('HSET', base .. ':obj:' .. i, 'id', i, 'name', 'item' .. i, 'qty', 0)
                      redis.call('SADD', KEYS[1], i)
                    end
                    return redis.call('SCARD', KEYS[1])
                    """, 1, idSet, Integer.toString(OBJECTS));
        }
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    private static RedisStore connect(String timeoutSeconds) {
        return RedisStore.connect(redis.url() + "?namespace=" + namespace + "&timeout=" + timeoutSeconds);
    }

    private static Query<Item, Long> scanOfEveryObject(RedisStore store) {
        return new ItemDao(store).query().filter(ItemQuery.name.contains("no such text"));
    }

    @Test
    void aQueryThatRunsPastTheTimeoutStopsItselfAndDeletesNothing() {
        try (RedisStore quick = connect("0.4"); Jedis admin = new Jedis(redis.host(), redis.port())) {
            QueryTooLongException e = assertThrows(QueryTooLongException.class, () -> scanOfEveryObject(quick).count());
            assertTrue(e.getMessage().contains("qitem query stopped after 200 ms in Redis"), e.getMessage());
            assertThrows(QueryTooLongException.class, () -> new ItemDao(quick).query()
                    .exclude(ItemQuery.name.contains("no such text")).delete());
            assertEquals(OBJECTS, admin.scard(idSet), "the delete deleted nothing");
        }
        try (RedisStore patient = connect("30")) {
            assertEquals(0, scanOfEveryObject(patient).count(), "with time enough, the same query answers");
        }
    }

    @Test
    void scriptKillStopsARunningQuery() throws Exception {
        try (RedisStore patient = connect("60"); Jedis admin = new Jedis(redis.host(), redis.port())) {
            admin.configSet("lua-time-limit", "1"); // SCRIPT KILL is taken once a script has run this long (ms)
            try {
                CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> scanOfEveryObject(patient).count());
                String killed = null;
                while (killed == null && !running.isDone()) {
                    try {
                        killed = admin.scriptKill();
                    } catch (RuntimeException notBusy) { // NOTBUSY: the script has not started, or not for long
                        killed = null;
                    }
                }
                assertEquals("OK", killed, "SCRIPT KILL was taken while the query ran");
                Exception e = assertThrows(Exception.class, () -> running.get(30, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof RedaoException, String.valueOf(e.getCause()));
                assertTrue(e.getCause().getMessage().contains("SCRIPT KILL"), e.getCause().getMessage());
            } finally {
                admin.configSet("lua-time-limit", "5000");
            }
        }
    }
}
