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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
        try (InputStream in = ClassLoader.getSystemResourceAsStream("dev/redao/runtime/lua/unique/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object run(String name, String... args) {
        String tag = partitionOfValue("v");
        return raw(jedis -> jedis.eval(script(name), List.of(tag + ":uni:email", tag + ":claim:email:v"), List.of(args)));
    }

    private void entry(String id) {
        raw(jedis -> jedis.hset(partitionOfValue("v") + ":uni:email", "v", id));
    }

    @Test
    void aReleaseLeavesAClaimInPlaceAndTheEntryWithIt() {
        entry("7");
        run("claim.lua", "7", "v", "5000", "5000", "", "0", "0"); // a save of 7 taking v again
        String claim = claimOf("v");
        assertNull(run("release.lua", "7", "v", "entry"));
        assertEquals("7", entryOf("v"));
        assertEquals(claim, claimOf("v"));
    }

    @Test
    void aMarkIsSettledByItsOwnReleaseOnly() {
        entry("7");
        String first = (String) run("release.lua", "7", "v", "entry");
        assertNull(entryOf("v"));
        assertEquals("7 " + first, claimOf("v"));
        // a save of 7 takes v back (its claim replaces the mark), and gives it up again
        assertEquals("claimed", ((List<?>) run("claim.lua", "7", "v", "5000", "5000", "", "0", "0")).get(0));
        assertEquals(1L, run("confirm.lua", "7", "v"));
        String second = (String) run("release.lua", "7", "v", "entry");
        assertTrue(!second.equals(first), "each release marks the value with a mark of its own");
        // the first release, read before 7 took v back, settles late: the second mark stays
        assertEquals(0L, run("settle.lua", "7", "v", first, "0"));
        assertEquals("7 " + second, claimOf("v"));
        // the second read 7 with v: its entry comes back
        assertEquals(1L, run("settle.lua", "7", "v", second, "1"));
        assertEquals("7", entryOf("v"));
        assertNull(claimOf("v"));
    }

    @Test
    void aMarkLeftByAStoppedReleaseIsResolvedByTheNextWriterReadingTheObject() {
        entry("7");
        run("release.lua", "7", "v", "entry"); // and the releasing client stops
        // another object finds the mark past its deadline: it reads 7 first
        assertEquals(List.of("check", "7"), run("claim.lua", "9", "v", "5000", "5000", "", "0", "0"));
        // 7 has v (it took it back before the release ran): the entry is 7's, and 9 is refused
        assertEquals(List.of("taken", "7"), run("claim.lua", "9", "v", "5000", "5000", "7", "1", "0"));
        assertEquals("7", entryOf("v"));
        assertNull(claimOf("v"));
    }
}
