package dev.redao.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.redao.runtime.OptimisticLockException;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.tools.LuaPrograms;
import dev.redao.runtime.tools.Pipeline;
import dev.redao.testsupport.LocalRedis;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * {@link MicrometerObserver} against a Redis server of the class's own (the tests pause it, kill its
 * connections and flush its scripts): every operation records a timer with its model, operation
 * and outcome; refusals, timeouts, retries, lost connections and the pools show in their meters.
 */
class MicrometerObserverTest {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static LocalRedis server;
    private static Jedis admin;

    private SimpleMeterRegistry registry;
    /** One per registry: a second one bound with the same tags would find the gauges taken. */
    private MicrometerObserver observer;
    private String url;
    private RedisStore store;
    private AccountDao accounts;

    @BeforeAll
    static void startServer() {
        server = LocalRedis.startOwn();
        admin = new Jedis(server.host(), server.port());
    }

    @AfterAll
    static void stopServer() {
        admin.close();
        server.close();
    }

    @BeforeEach
    void connect() {
        registry = new SimpleMeterRegistry();
        observer = MicrometerObserver.bind(registry);
        url = server.url() + "?namespace=metrics" + SEQUENCE.incrementAndGet();
        store = connect(url);
        accounts = new AccountDao(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private RedisStore connect(String connectionString) {
        return RedisStore.connect(connectionString, RedisStore.Options.defaults().observer(observer));
    }

    /** How many operations the timer of these tags recorded; 0 for a timer never registered. */
    private long count(String model, String operation, String outcome) {
        Timer timer = registry.find(MicrometerObserver.OPERATION)
                .tags("model", model, "operation", operation, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void everyOperationRecordsATimerTaggedWithModelOperationAndOutcome() {
        Account ann = accounts.save(new Account(null, "ann@x", "DE", 0));
        accounts.update(ann.withCountry("FR"), AccountQuery.country);
        List<Account> two = accounts.saveAll(List.of(new Account(null, "bob@x", "DE", 0), new Account(null, "cy@x", "IT", 0)));
        accounts.get(ann.id());
        accounts.getAll(List.of(ann.id(), two.get(0).id()));
        accounts.getByEmail("bob@x");
        accounts.exists(ann.id());
        accounts.count();
        assertEquals(1, accounts.query().filter(AccountQuery.country.eq("DE")).list().size());
        assertEquals(1, accounts.query().filter(AccountQuery.country.eq("IT")).count());
        accounts.delete(two.get(1).id());
        accounts.deleteAll(List.of(two.get(0).id()));
        store.transaction(tx -> tx.save(accounts, new Account(null, "dee@x", "DE", 0)));
        try (Pipeline pipeline = store.pipeline()) {
            pipeline.incr("visits");
            pipeline.sync();
        }
        LuaPrograms lua = store.luaPrograms();
        assertEquals("hi", lua.runString("metrics.echo", List.of(), List.of("hi")));

        assertEquals(2, count("account", "save", "ok"), "save and update");
        assertEquals(1, count("account", "batch", "ok"), "saveAll");
        assertEquals(5, count("account", "get", "ok"), "get, getAll, getByEmail, exists, count");
        assertEquals(2, count("account", "query", "ok"), "list, count");
        assertEquals(2, count("account", "delete", "ok"), "delete, deleteAll");
        assertEquals(1, count("account", "transaction", "ok"));
        assertEquals(1, count("none", "pipeline", "ok"));
        assertEquals(1, count("metrics.echo", "lua", "ok"));
        assertEquals(15, registry.get(MicrometerObserver.OPERATION).timers().stream().mapToLong(Timer::count).sum(),
                "nothing else was recorded");
        Timer save = registry.get(MicrometerObserver.OPERATION).tags("operation", "save").timer();
        assertTrue(save.totalTime(TimeUnit.NANOSECONDS) > 0);
    }

    @Test
    void refusalsRecordTheirOutcome() {
        Account ann = accounts.save(new Account(null, "ann@x", "DE", 0));
        assertThrows(UniqueViolationException.class, () -> accounts.save(new Account(null, "ann@x", "FR", 0)));
        Account stale = new Account(ann.id(), "ann@x", "IT", ann.version() + 5);
        assertThrows(OptimisticLockException.class, () -> accounts.save(stale));
        assertThrows(UniqueViolationException.class,
                () -> accounts.saveAll(List.of(new Account(null, "new@x", "DE", 0), new Account(null, "ann@x", "DE", 0))));
        assertThrows(UniqueViolationException.class,
                () -> store.transaction(tx -> tx.save(accounts, new Account(null, "ann@x", "DE", 0))));

        assertEquals(1, count("account", "save", "ok"));
        assertEquals(1, count("account", "save", "unique_violation"));
        assertEquals(1, count("account", "save", "version_conflict"));
        assertEquals(1, count("account", "batch", "unique_violation"));
        assertEquals(1, count("account", "transaction", "unique_violation"));
    }

    @Test
    void aCallThatTimesOutRecordsATimeoutAndALostConnection() {
        Account ann = accounts.save(new Account(null, "ann@x", "DE", 0));
        try (RedisStore quick = connect(url + "&timeout=0.3")) {
            AccountDao paused = new AccountDao(quick);
            admin.clientPause(30_000, ClientPauseMode.WRITE);
            try {
                assertThrows(RedaoConnectionException.class, () -> paused.save(ann.withCountry("FR")));
            } finally {
                admin.clientUnpause();
            }
            assertEquals(1, count("account", "save", "timeout"));
            assertEquals(1, counter(MicrometerObserver.RECONNECTS), "the connection that timed out is dropped");
            paused.get(ann.id()); // on a new connection
            assertEquals(1, count("account", "get", "ok"));
        }
    }

    @Test
    void aConnectionKilledCountsAsAReconnect() {
        Account ann = accounts.save(new Account(null, "ann@x", "DE", 0));
        assertEquals(0, counter(MicrometerObserver.RECONNECTS));
        admin.clientKill(new ClientKillParams().type(ClientType.NORMAL).skipMe(ClientKillParams.SkipMe.YES));
        assertThrows(RedaoConnectionException.class, () -> accounts.get(ann.id()), "the pooled connection was killed");
        assertEquals(1, counter(MicrometerObserver.RECONNECTS));
        assertEquals(1, count("account", "get", "timeout"));
        assertEquals(ann, accounts.get(ann.id()).orElseThrow(), "a new connection");
        assertEquals(1, counter(MicrometerObserver.RECONNECTS), "opening the new connection is not counted again");
    }

    @Test
    void aScriptSentAgainAfterAFlushCountsAsARetry() {
        accounts.save(new Account(null, "ann@x", "DE", 0));
        admin.scriptFlush();
        accounts.save(new Account(null, "bob@x", "DE", 0));
        assertEquals(1, counter(MicrometerObserver.RETRIES, "reason", "script_not_cached"));
        assertEquals(0, counter(MicrometerObserver.RETRIES, "reason", "slot_moved"));
        assertEquals(2, count("account", "save", "ok"), "the retry is inside the operation");
    }

    @Test
    void poolGaugesFollowTheConnections() throws Exception {
        store.close();
        store = connect(url + "&pool=1");
        accounts = new AccountDao(store);
        Account ann = accounts.save(new Account(null, "ann@x", "DE", 0));
        assertEquals(0, gauge(MicrometerObserver.POOL_ACTIVE));
        assertEquals(1, gauge(MicrometerObserver.POOL_IDLE));
        assertEquals(0, gauge(MicrometerObserver.POOL_WAITING));
        CompletableFuture<Account> waiter = store.execute(jedis -> {
            // a pipeline of the client holds a pooled connection until it is closed
            try (AbstractPipeline held = jedis.pipelined()) {
                assertEquals(1, gauge(MicrometerObserver.POOL_ACTIVE));
                assertEquals(0, gauge(MicrometerObserver.POOL_IDLE));
                CompletableFuture<Account> get = CompletableFuture.supplyAsync(() -> accounts.get(ann.id()).orElseThrow());
                awaitTrue("a caller waiting for the pool's one connection", () -> gauge(MicrometerObserver.POOL_WAITING) == 1);
                return get;
            }
        });
        assertEquals(ann, waiter.get(10, TimeUnit.SECONDS));
        assertEquals(0, gauge(MicrometerObserver.POOL_WAITING));
        assertEquals(0, gauge(MicrometerObserver.POOL_ACTIVE));
        assertEquals(1, gauge(MicrometerObserver.POOL_IDLE));
        store.close();
        assertEquals(0, gauge(MicrometerObserver.POOL_IDLE), "a closed store's pools are no longer counted");
    }

    @Test
    void gaugesSumOverTheStoresOfOneObserver() {
        MicrometerObserver tagged = MicrometerObserver.bind(registry, Tags.of("app", "two"));
        try (RedisStore a = RedisStore.connect(url, RedisStore.Options.defaults().observer(tagged));
                RedisStore b = RedisStore.connect(url, RedisStore.Options.defaults().observer(tagged))) {
            new AccountDao(a).count();
            new AccountDao(b).count();
            assertEquals(2, registry.get(MicrometerObserver.POOL_IDLE).tags("app", "two").gauge().value());
            assertEquals(2, registry.get(MicrometerObserver.OPERATION).tags("app", "two", "operation", "get").timer().count());
        }
        assertEquals(0, registry.get(MicrometerObserver.POOL_IDLE).tags("app", "two").gauge().value());
    }

    @Test
    void timersAreRegisteredOnceAndReused() {
        accounts.count();
        Timer first = registry.get(MicrometerObserver.OPERATION).tags("operation", "get").timer();
        accounts.count();
        assertEquals(1, registry.get(MicrometerObserver.OPERATION).timers().size());
        assertEquals(2, first.count());
        assertNull(registry.find(MicrometerObserver.OPERATION).tags("operation", "save").timer(), "registered on first use");
        assertNotNull(registry.find(MicrometerObserver.RETRIES).tags("reason", "read_only_refused").counter(),
                "counters are there from the start");
    }

    /** Spins (no sleep: a few milliseconds at most are expected) until the condition holds. */
    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }
}
