package dev.redao.it.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.CommandStopProxy;
import dev.redao.it.CommandStopProxy.Stop;
import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Login;
import dev.redao.it.model.LoginDao;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import dev.redao.runtime.internal.LuaSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A partitioned model's object gives a unique value up (a delete, or a save that changes it), and
 * before its release reaches the value's partition, another save of the same object takes the
 * value back: claim, write and confirmation all in between. The late release must not take the
 * entry from the object that holds the value again, or a third object could take the value too.
 * So a release marks the value instead of removing its entry, the object is read again, and the
 * mark is settled (unique/release.lua, unique/settle.lua).
 */
class UniqueReleaseRaceTest extends RedisTestSupport {
    private static final int PARTITIONS = 4;
    private static final long WAIT_MILLIS = 10_000;

    private LoginDao logins;

    @BeforeEach
    void dao() {
        logins = new LoginDao(store);
    }

    private String partitionOfValue(String value) {
        return PartitionTags.base(ns, "login", JedisClusterCRC16.getCRC16(value) % PARTITIONS, PARTITIONS);
    }

    private String entryOf(String email) {
        return raw(jedis -> jedis.hget(partitionOfValue(email) + ":uni:email", email));
    }

    private String claimOf(String email) {
        return raw(jedis -> jedis.get(partitionOfValue(email) + ":claim:email:" + email));
    }

    /**
     * Runs {@code operation} through a proxy that stops it before its {@code held}-th command,
     * runs {@code meanwhile} on the test's own store, then lets the operation finish.
     */
    private void holdBefore(int held, Consumer<LoginDao> operation, Runnable meanwhile) throws Exception {
        assumeTrue(onOneServer(), "a proxy stands before one server only: cluster and Sentinel clients find the servers themselves");
        RedisUrl server = RedisUrl.parse(urlWithNamespace(ns));
        try (CommandStopProxy proxy = new CommandStopProxy(server.host(), server.port());
             RedisStore through = RedisStore.connect(urlWithNamespace(ns).replace(server.host() + ":" + server.port(),
                     "127.0.0.1:" + proxy.port()) + "&timeout=20000")) {
            LoginDao heldLogins = new LoginDao(through);
            heldLogins.schemaVersion(); // the DAO's first call reads the stored schema: one round trip, once
            proxy.arm(held, Stop.BEFORE);
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> operation.accept(heldLogins));
            assertTrue(proxy.awaitStop(WAIT_MILLIS), "the operation reached its " + held + "-th command");
            meanwhile.run();
            proxy.resume();
            run.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void aDeleteReleasedLateLeavesTheEntryOfTheObjectSavedAgainMeanwhile() throws Exception {
        Login had = logins.save(new Login(null, "a@x", "a", "DE", 0));
        // 1 deletes; held before 2, the release of the email
        holdBefore(2, dao -> dao.delete(had.id()),
                () -> logins.save(new Login(had.id(), "a@x", "a", "DE", 0)));
        assertEquals(had.id().toString(), entryOf("a@x"));
        assertNull(claimOf("a@x"));
        assertEquals(had.id(), logins.getByEmail("a@x").orElseThrow().id());
        assertThrows(UniqueViolationException.class, () -> logins.save(new Login(null, "a@x", "other", "DE", 0)));
        RedaoAssertions.assertConsistent(logins);
    }

    @Test
    void aChangeReleasedLateLeavesTheEntryOfTheObjectThatTookTheValueBack() throws Exception {
        Login had = logins.save(new Login(null, "a@x", "a", "DE", 0));
        // 1 and 2 claim the email and the nick, 3 writes, 4 and 5 confirm; held before 6, the release of a@x
        holdBefore(6, dao -> dao.save(had.withEmail("b@x")),
                () -> logins.save(logins.get(had.id()).orElseThrow().withEmail("a@x")));
        assertEquals(had.id().toString(), entryOf("a@x"));
        assertNull(entryOf("b@x"), "b@x: given up by the later save");
        assertNull(claimOf("a@x"));
        assertEquals("a@x", logins.get(had.id()).orElseThrow().email());
        assertThrows(UniqueViolationException.class, () -> logins.save(new Login(null, "a@x", "other", "DE", 0)));
        RedaoAssertions.assertConsistent(logins);
    }

    @Test
    void aDeleteWithNothingInBetweenLeavesNoEntryAndNoMark() {
        Login had = logins.save(new Login(null, "a@x", "a", "DE", 0));
        logins.delete(had.id());
        assertNull(entryOf("a@x"));
        assertNull(claimOf("a@x"));
        assertEquals(had.nick(), logins.save(new Login(null, "a@x", "a", "DE", 0)).nick());
    }

    // ---- the scripts, step by step (every deployment)

    private static String script(String name) {
        return LuaSource.script(name, "unique/common.lua", "unique/" + name).source();
    }

    private Object run(String name, String... args) {
        String tag = partitionOfValue("v");
        return raw(jedis -> jedis.eval(script(name), List.of(tag + ":uni:email", tag + ":claim:email:v"), List.of(args)));
    }

    private void entry(String id) {
        raw(jedis -> jedis.hset(partitionOfValue("v") + ":uni:email", "v", id));
    }

    @Test
    void aReleaseWaitsForASaveTakingTheValueAndLeavesAClaimPastItsDeadlineAndGrace() {
        entry("7");
        run("claim.lua", "7", "v", "5000", "5000", "", "0", "0", "11"); // a save of 7 taking v again
        String claim = claimOf("v");
        List<?> busy = (List<?>) run("release.lua", "7", "v", "entry", "0", "5000");
        assertEquals("busy", busy.get(0), "the release is asked again once that save is done");
        assertEquals("7", entryOf("v"));
        assertEquals(claim, claimOf("v"));
        // a claim of a save that stopped, past its deadline and grace: left, entry and all
        raw(jedis -> jedis.set(partitionOfValue("v") + ":claim:email:v", "9 1000 21"));
        assertNull(run("release.lua", "7", "v", "entry", "0", "5000"));
        assertEquals("7", entryOf("v"));
        assertEquals("9 1000 21", claimOf("v"));
    }

    @Test
    void aMarkIsSettledByItsOwnReleaseOnly() {
        entry("7");
        String first = (String) run("release.lua", "7", "v", "entry", "0", "5000");
        assertNull(entryOf("v"));
        assertEquals("7 " + first + " 0", claimOf("v"));
        // a save of 7 takes v back (its claim replaces the mark), and gives it up again
        assertEquals("claimed", ((List<?>) run("claim.lua", "7", "v", "5000", "5000", "", "0", "0", "11")).get(0));
        assertEquals(1L, run("confirm.lua", "7", "v", "11"));
        String second = (String) run("release.lua", "7", "v", "entry", "0", "5000");
        assertTrue(!second.equals(first), "each release marks the value with a mark of its own");
        // the first release, read before 7 took v back, settles late: the second mark stays
        assertEquals(0L, run("settle.lua", "7", "v", first, "0"));
        assertEquals("7 " + second + " 0", claimOf("v"));
        // the second read 7 with v: its entry comes back
        assertEquals(1L, run("settle.lua", "7", "v", second, "1"));
        assertEquals("7", entryOf("v"));
        assertNull(claimOf("v"));
    }

    @Test
    void aMarkLeftByAStoppedReleaseIsResolvedByTheNextWriterReadingTheObject() {
        entry("7");
        String mark = "7 " + run("release.lua", "7", "v", "entry", "0", "5000") + " 0"; // and the releasing client stops
        // another object finds the mark past its deadline: it reads 7 first
        assertEquals(List.of("check", "7", mark), run("claim.lua", "9", "v", "5000", "5000", "", "0", "0", "21", ""));
        // 7 has v (it took it back before the release ran): the entry is 7's, and 9 is refused
        assertEquals(List.of("taken", "7"), run("claim.lua", "9", "v", "5000", "5000", "7", "1", "0", "21", mark));
        assertEquals("7", entryOf("v"));
        assertNull(claimOf("v"));
    }

    /**
     * A refused save of 7, which kept v, marks v and reads 7 (with v); before its settle, another
     * save of 7 gives v up. That save's release replaces the mark, so the late settle, whose read
     * predates the change, does not bring the entry back to an object without v.
     */
    @Test
    void aReleaseReplacesTheObjectsOwnMarkSoThatAStaleSettleDoesNotRestoreTheEntry() {
        entry("7");
        run("claim.lua", "7", "v", "5000", "5000", "", "0", "0", "11");
        String kept = (String) run("release.lua", "7", "v", "claim", "11", "5000"); // refused: 7 kept v
        assertNull(entryOf("v"));
        // 7 is read with v; then another save of 7 writes w and gives v up
        String gaveUp = (String) run("release.lua", "7", "v", "entry", "0", "5000");
        assertTrue(gaveUp != null && !gaveUp.equals(kept), "the release marks v with a mark of its own");
        assertEquals(0L, run("settle.lua", "7", "v", kept, "1"), "the stale settle finds its mark gone");
        assertNull(entryOf("v"));
        assertEquals(1L, run("settle.lua", "7", "v", gaveUp, "0"));
        assertNull(entryOf("v"));
        assertNull(claimOf("v"));
    }

    // ---- two saves of one object at once

    @Test
    void aSecondSaveOfTheObjectWaitsAndNeitherConfirmsNorGivesUpTheFirstsClaim() {
        assertEquals("claimed", ((List<?>) run("claim.lua", "7", "v", "5000", "5000", "", "0", "0", "11")).get(0));
        String first = claimOf("v");
        List<?> busy = (List<?>) run("claim.lua", "7", "v", "5000", "5000", "", "0", "0", "12");
        assertEquals("busy", busy.get(0));
        long left = Long.parseLong((String) busy.get(1));
        assertTrue(left > 5000 && left <= 10_000, "the wait ends with the claim's deadline and grace: " + left + " ms");
        assertEquals(first, claimOf("v"), "the second save takes nothing over");
        // the second save, refused for another value, gives up what it does not have: nothing
        assertNull(run("release.lua", "7", "v", "claim", "12", "5000"));
        assertNull(run("release.lua", "7", "v", "new claim", "12", "5000"));
        assertEquals(0L, run("confirm.lua", "7", "v", "12"));
        assertEquals(first, claimOf("v"));
        assertNull(entryOf("v"));
        // the first save confirms; the second then claims over the entry of its own object
        assertEquals(1L, run("confirm.lua", "7", "v", "11"));
        assertEquals("7", entryOf("v"));
        assertEquals("claimed", ((List<?>) run("claim.lua", "7", "v", "5000", "5000", "", "0", "0", "12")).get(0));
    }

    @Test
    void aSaveReplacesItsOwnClaimARepairsFenceAndAnotherSavesClaimPastItsDeadlineAndGrace() {
        assertEquals("claimed", ((List<?>) run("claim.lua", "7", "v", "5000", "5000", "", "0", "0", "11")).get(0));
        assertEquals("claimed", ((List<?>) run("claim.lua", "7", "v", "5000", "5000", "", "0", "0", "11")).get(0),
                "a batch's two items of one object share their save");
        String claimKey = partitionOfValue("v") + ":claim:email:v";
        raw(jedis -> jedis.set(claimKey, "7 0" + (System.currentTimeMillis() + 60_000) + " 0")); // a repair's fence
        assertEquals("claimed", ((List<?>) run("claim.lua", "7", "v", "5000", "5000", "", "0", "0", "12")).get(0));
        raw(jedis -> jedis.set(claimKey, "7 1000 11")); // long past its deadline and grace
        assertEquals("claimed", ((List<?>) run("claim.lua", "7", "v", "5000", "5000", "", "0", "0", "12")).get(0));
        assertTrue(claimOf("v").startsWith("7 ") && claimOf("v").endsWith(" 12"), claimOf("v"));
        raw(jedis -> jedis.set(claimKey, "7 1000")); // an older Redao's claim, long past
        assertEquals("claimed", ((List<?>) run("claim.lua", "7", "v", "5000", "5000", "", "0", "0", "12")).get(0));
    }

    /**
     * The race of two saves of one object: the first is refused (its other value is taken) after
     * it claimed the email; the second claims the email before the first gives it up, and writes
     * after. With a claim shared by the object's saves, the first gave up the second's claim, the
     * second confirmed nothing, and the object held the email with no entry: free for a
     * duplicate. Now the second waits for the first's claim to be given up.
     */
    @Test
    void aRefusedSaveGivesUpItsOwnClaimOnlyNotThatOfAConcurrentSaveOfTheObject() throws Exception {
        assumeTrue(onOneServer(), "a proxy stands before one server only: cluster and Sentinel clients find the servers themselves");
        Login had = logins.save(new Login(null, "a0@x", "x", "DE", 0));
        logins.save(new Login(null, "y@x", "held", "DE", 0));
        Login refused = new Login(had.id(), "a@x", "held", "DE", had.version());
        Login saved = new Login(had.id(), "a@x", "n2", "DE", had.version());
        try (Held first = new Held(); Held second = new Held()) {
            // the first claims the email and the nick (1, 2, refused), held before it gives the email up (3)
            CompletableFuture<Login> one = first.run(3, dao -> dao.save(refused));
            // the second claims both (1, 2), held before its third command: its write, or the email asked again
            CompletableFuture<Login> two = second.run(3, dao -> dao.save(saved));
            first.proxy.resume();
            ExecutionException e = assertThrows(ExecutionException.class, () -> one.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
            assertTrue(e.getCause() instanceof UniqueViolationException, String.valueOf(e.getCause()));
            second.proxy.resume();
            assertEquals("n2", two.get(WAIT_MILLIS, TimeUnit.MILLISECONDS).nick());
        }
        assertEquals(had.id().toString(), entryOf("a@x"));
        assertNull(claimOf("a@x"));
        assertThrows(UniqueViolationException.class, () -> logins.save(new Login(null, "a@x", "other", "DE", 0)));
        RedaoAssertions.assertConsistent(logins);
    }

    /** A client of its own through a proxy of its own, to stop it before one of its commands. */
    private final class Held implements AutoCloseable {
        final CommandStopProxy proxy;
        final RedisStore store;

        Held() throws Exception {
            RedisUrl server = RedisUrl.parse(urlWithNamespace(ns));
            proxy = new CommandStopProxy(server.host(), server.port());
            store = RedisStore.connect(urlWithNamespace(ns).replace(server.host() + ":" + server.port(),
                    "127.0.0.1:" + proxy.port()) + "&timeout=20000");
        }

        /** Starts {@code operation}, and returns once it stopped before its {@code held}-th command. */
        <R> CompletableFuture<R> run(int held, Function<LoginDao, R> operation) throws InterruptedException {
            LoginDao dao = new LoginDao(store);
            dao.schemaVersion(); // the DAO's first call reads the stored schema: one round trip, once
            proxy.arm(held, Stop.BEFORE);
            // a thread of its own: both held operations block at once, and the common pool may have
            // one thread on 2 cores: CompletableFuture runs a task on a thread of its own there on
            // JDK 17, but in that one-thread pool on JDK 25
            CompletableFuture<R> run = CompletableFuture.supplyAsync(() -> operation.apply(dao), task -> new Thread(task).start());
            assertTrue(proxy.awaitStop(WAIT_MILLIS), "the operation reached its " + held + "-th command");
            return run;
        }

        @Override
        public void close() throws Exception {
            try (proxy; store) {
                proxy.resume();
            }
        }
    }
}
