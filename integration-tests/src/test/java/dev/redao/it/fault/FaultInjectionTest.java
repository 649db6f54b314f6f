package dev.redao.it.fault;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.RedisOutOfMemoryException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUnavailableException;
import dev.redao.test.RedaoAssertions;
import dev.redao.testsupport.LocalRedis;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Faults injected while a mixed {@link Workload} runs on several threads (#14 item 9). In each
 * case every call returns or throws a {@code RedaoException} of a type the fault explains, no call
 * hangs, reads agree with what their thread wrote, and afterwards Redis agrees with the ledger of
 * acknowledged, refused and uncertain writes ({@link Workload#problems()}) and with itself
 * ({@link RedaoAssertions}). docs/testing.md, "Fault injection", lists the cases.
 *
 * <p>CLIENT KILL and the race run against the deployment under test, whichever it is. The other
 * cases change a server's state (kill it, pause it, fill it, block it, flush its scripts) and so
 * start one of their own, the same whatever the deployment: they run on the {@code server}
 * deployment only (on redis-server from the PATH, and with {@code -Dredao.redis.server=embedded}
 * on the embedded 6.2), not once more for each deployment.
 */
class FaultInjectionTest extends RedisTestSupport {
    private static final String OWN_SERVER =
            "starts a server of its own, the same on every deployment: it runs on the server deployment";
    /** {@code -Dredao.soak=true}: the race runs its full 30 s instead of 5. */
    private static final boolean SOAK = Boolean.getBoolean("redao.soak");
    private static final Duration RACE = Duration.ofSeconds(SOAK ? 30 : 5);

    private String testName;

    @BeforeEach
    void name(TestInfo info) {
        testName = info.getTestMethod().map(Method::getName).orElse("?");
    }

    /** A store of this test's namespace on a server of the test's own, with a short timeout. */
    private RedisStore connect(LocalRedis server, String timeout) {
        return RedisStore.connect(server.url() + "?namespace=" + ns + "&timeout=" + timeout);
    }

    /**
     * Runs the fault while the workload runs; stops the workload, then checks its calls, the ledger
     * and the invariants, and fails listing every problem of all three. Redis is read through a
     * store of its own, on {@code url} (a connection string with this test's namespace), as the
     * fault may have left dead connections in the pool of the store under test.
     */
    private void run(Workload workload, String url, Runnable fault) {
        workload.start();
        try {
            fault.run();
        } catch (Workload.Aborted e) {
            // a call went wrong: the fault is over (its finally blocks ran), the report follows
        } catch (RuntimeException | Error e) {
            workload.abandon();
            throw e;
        }
        workload.stop();
        System.out.println(testName + ": " + workload);
        try (RedisStore checker = RedisStore.connect(url)) {
            List<String> problems = new ArrayList<>(workload.problems(checker));
            if (!problems.isEmpty()) {
                RedaoAssertions.check(new MemberDao(checker)).problems().forEach(p -> problems.add(p.toString()));
                fail(problems.size() + " problem(s) after " + workload + ":\n  "
                        + problems.stream().limit(40).collect(Collectors.joining("\n  ")));
            }
            RedaoAssertions.assertConsistent(new MemberDao(checker));
        }
    }

    /**
     * kill -9 of a server that has {@code appendfsync always}, twice, and a restart from its AOF:
     * every write acknowledged before the kill is there afterwards, exactly as written, and every
     * acknowledged delete stays done. Calls meanwhile fail as retryable (the connection, LOADING).
     */
    @Test
    void killNineAndRestartWithAppendfsyncAlwaysLosesNoAcknowledgedWrite() {
        assumeTrue(onOneServer(), OWN_SERVER);
        try (LocalRedis server = LocalRedis.startOwn("--appendonly", "yes", "--appendfsync", "always");
                RedisStore faulty = connect(server, "1")) {
            Workload w = new Workload(faulty, ns, 4, 1).allowing(RedisUnavailableException.class);
            run(w, server.url() + "?namespace=" + ns, () -> {
                w.awaitAcknowledged(150);
                for (int round = 0; round < 2; round++) {
                    server.kill();
                    try {
                        w.awaitGrowth("calls to fail while the server is down", () -> w.failures("RedaoConnectionException"), 20);
                    } finally {
                        server.restart();
                    }
                    w.awaitAcknowledged(150);
                }
            });
        }
    }

    /**
     * CLIENT KILL of the store's connections, again and again, on every server of the deployment:
     * a call whose connection dies fails as a retryable connection error (a write saying it may
     * have run), and the store goes on with new connections.
     */
    @Test
    void clientKillOfTheStoresConnections() {
        // the store's connections are those named "redao" that are newer than every connection now
        List<Long> newest = everyServer(jedis -> clients(jedis).stream().mapToLong(c -> c[0]).max().orElse(0));
        try (RedisStore faulty = RedisStore.connect(urlWithNamespace(ns) + "&timeout=1")) {
            Workload w = new Workload(faulty, ns, 4, 2).allowing(RedisUnavailableException.class);
            AtomicLong killed = new AtomicLong();
            run(w, urlWithNamespace(ns), () -> {
                w.awaitAcknowledged(50);
                for (int round = 0; round < 15; round++) {
                    AtomicInteger server = new AtomicInteger();
                    everyServer(jedis -> {
                        long after = newest.get(server.getAndIncrement());
                        for (long[] client : clients(jedis)) {
                            if (client[1] == 1 && client[0] > after) {
                                killed.addAndGet(jedis.clientKill(new ClientKillParams().id(Long.toString(client[0]))));
                            }
                        }
                        return null;
                    });
                    w.awaitCalls(40);
                }
            });
            assertTrue(killed.get() > 0, "no connection of the store was killed");
        }
    }

    /** CLIENT LIST's normal clients as {id, 1 if named "redao" else 0}. */
    private static List<long[]> clients(Jedis jedis) {
        List<long[]> out = new ArrayList<>();
        for (String line : jedis.clientList().split("\n")) {
            String[] fields = (" " + line.strip() + " ").split(" ");
            long id = -1;
            boolean redao = false;
            for (String f : fields) {
                if (f.startsWith("id=")) {
                    id = Long.parseLong(f.substring(3));
                } else if (f.equals("name=redao")) {
                    redao = true;
                }
            }
            if (id >= 0) {
                out.add(new long[] {id, redao ? 1 : 0});
            }
        }
        return out;
    }

    /**
     * CLIENT PAUSE WRITE, as a failover does, twice, each time until writes have timed out: a
     * write cut off by the timeout says it may have run, and ran whole or not at all. On Redis 7
     * reads and queries go on (they run as read-only scripts); 6.2 pauses them with the writes.
     */
    @Test
    void clientPauseOfWrites() {
        assumeTrue(onOneServer(), OWN_SERVER);
        try (LocalRedis server = LocalRedis.startOwn(); Jedis admin = new Jedis(server.host(), server.port());
                RedisStore faulty = connect(server, "0.5")) {
            Workload w = new Workload(faulty, ns, 4, 3).allowing(RedisUnavailableException.class);
            if (!server.version().startsWith("6.")) {
                w.readsAllowing();
            }
            run(w, server.url() + "?namespace=" + ns, () -> {
                w.awaitAcknowledged(100);
                for (int round = 0; round < 2; round++) {
                    admin.clientPause(30_000, ClientPauseMode.WRITE);
                    try {
                        w.awaitGrowth("writes to time out while paused",
                                () -> w.failures("RedaoConnectionException (write may have run)"), 4);
                    } finally {
                        admin.clientUnpause();
                    }
                    w.awaitAcknowledged(100);
                }
            });
        }
    }

    /**
     * Another client's script that loops until SCRIPT KILL, twice: meanwhile every call is refused
     * as BUSY, a retryable {@link RedisUnavailableException} (or times out, as retryable), none
     * hangs, and after the kill the store works on.
     */
    @Test
    void anotherClientsEndlessScript() {
        assumeTrue(onOneServer(), OWN_SERVER);
        try (LocalRedis server = LocalRedis.startOwn(); Jedis admin = new Jedis(server.host(), server.port());
                RedisStore faulty = connect(server, "1")) {
            admin.configSet("lua-time-limit", "10"); // the busy threshold, in ms, under its name of both 6.2 and 7
            Workload w = new Workload(faulty, ns, 4, 4).allowing(RedisUnavailableException.class);
            run(w, server.url() + "?namespace=" + ns, () -> {
                w.awaitAcknowledged(100);
                for (int round = 0; round < 2; round++) {
                    CompletableFuture<Object> endless = new CompletableFuture<>();
                    Thread other = new Thread(() -> {
                        try (Jedis jedis = new Jedis(server.host(), server.port(), 60_000)) {
                            endless.complete(jedis.eval("while true do end", 0));
                        } catch (RuntimeException e) {
                            endless.completeExceptionally(e);
                        }
                    }, "endless-script");
                    other.start();
                    try {
                        w.awaitGrowth("calls to be refused as BUSY", () -> w.failures("RedisUnavailableException BUSY"), 20);
                    } finally {
                        admin.scriptKill();
                    }
                    ExecutionException ended = assertThrows(ExecutionException.class, () -> endless.get(30, TimeUnit.SECONDS));
                    assertTrue(String.valueOf(ended.getCause()).contains("SCRIPT KILL"), String.valueOf(ended.getCause()));
                    w.awaitAcknowledged(100);
                }
            });
        }
    }

    /**
     * maxmemory below the memory in use, under noeviction, until many writes were refused: a refused
     * write is a {@link RedisOutOfMemoryException} and wrote nothing, reads of objects go on (they
     * write nothing), and once the limit is lifted writes go on.
     */
    @Test
    void maxmemoryWithNoeviction() {
        assumeTrue(onOneServer(), OWN_SERVER);
        try (LocalRedis server = LocalRedis.startOwn(); Jedis admin = new Jedis(server.host(), server.port());
                RedisStore faulty = connect(server, "1")) {
            admin.configSet("maxmemory-policy", "noeviction");
            // reads by id and unique value, and queries, write nothing and must go on
            Workload w = new Workload(faulty, ns, 4, 5).allowing(RedisOutOfMemoryException.class).readsAllowing();
            run(w, server.url() + "?namespace=" + ns, () -> {
                w.awaitAcknowledged(100);
                // below the memory in use by half the data: new objects are refused until deletes
                // (which Redis lets through) have freed enough, and then again
                Map<String, Long> memory = memory(admin);
                long limit = memory.get("used_memory") - memory.get("used_memory_dataset") / 2;
                assertTrue(limit > 0, memory.toString());
                admin.configSet("maxmemory", Long.toString(limit));
                try {
                    w.awaitGrowth("writes to be refused for memory", () -> w.failures("RedisOutOfMemoryException"), 50);
                    w.awaitCalls(200);
                } finally {
                    admin.configSet("maxmemory", "0");
                }
                w.awaitAcknowledged(100);
            });
        }
    }

    /** INFO memory's numeric fields. */
    private static Map<String, Long> memory(Jedis admin) {
        Map<String, Long> out = new TreeMap<>();
        admin.info("memory").lines().map(l -> l.strip().split(":", 2)).filter(f -> f.length == 2 && f[1].matches("\\d+"))
                .forEach(f -> out.put(f[0], Long.parseLong(f[1])));
        return out;
    }

    /**
     * SCRIPT FLUSH as fast as one connection can send it while the workload runs: the store
     * loads its scripts again whenever Redis has forgotten them, so no call fails because of it.
     */
    @Test
    void scriptFlushStorm() throws InterruptedException {
        assumeTrue(onOneServer(), OWN_SERVER);
        try (LocalRedis server = LocalRedis.startOwn(); Jedis admin = new Jedis(server.host(), server.port());
                RedisStore faulty = connect(server, "1")) {
            Workload w = new Workload(faulty, ns, 4, 6); // nothing but unique violations
            AtomicBoolean storming = new AtomicBoolean(true);
            AtomicLong flushes = new AtomicLong();
            Thread storm = new Thread(() -> {
                try (Jedis jedis = new Jedis(server.host(), server.port())) {
                    while (storming.get()) {
                        jedis.scriptFlush();
                        flushes.incrementAndGet();
                    }
                }
            }, "script-flush-storm");
            long before = noscriptErrors(admin);
            run(w, server.url() + "?namespace=" + ns, () -> {
                w.awaitAcknowledged(50);
                storm.start();
                try {
                    w.awaitGrowth("calls to find their script flushed", () -> noscriptErrors(admin), 100);
                    w.awaitAcknowledged(200);
                } finally {
                    storming.set(false);
                }
            });
            storm.join(10_000);
            assertTrue(flushes.get() > 0 && noscriptErrors(admin) > before, "the storm reached the store's calls");
        }
    }

    /** How many calls Redis has answered NOSCRIPT (INFO errorstats, Redis 6.2+). */
    private static long noscriptErrors(Jedis admin) {
        return admin.info("errorstats").lines().filter(l -> l.startsWith("errorstat_NOSCRIPT:count="))
                .mapToLong(l -> Long.parseLong(l.substring("errorstat_NOSCRIPT:count=".length()).strip())).sum();
    }

    /**
     * 16 threads for 5 s (30 s with {@code -Dredao.soak=true}) over colliding unique values and a
     * few ids they all write, with no fault but the race: every call succeeds or is refused for a
     * unique value, and both happen.
     */
    @Test
    void sixteenThreadsRaceOverCollidingUniqueValues() {
        try (RedisStore racing = RedisStore.connect(urlWithNamespace(ns))) {
            Workload w = new Workload(racing, ns, 16, 7).withSharedIds(); // nothing but unique violations
            run(w, urlWithNamespace(ns), () -> {
                long end = System.nanoTime() + RACE.toNanos();
                w.await("the race to run " + RACE.toSeconds() + " s", () -> System.nanoTime() >= end);
            });
            assertTrue(w.failures("UniqueViolationException") > 0 && w.acknowledged() > 0,
                    "both outcomes of a race happened: " + w);
        }
    }
}
