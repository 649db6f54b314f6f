package dev.redao.it.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Login;
import dev.redao.it.model.LoginDao;
import dev.redao.it.CommandStopProxy;
import dev.redao.it.CommandStopProxy.Stop;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The claim protocol's calls of one step go in one round trip: the claims of a save's unique
 * values, then their confirmations with the releases of the values it gave up, and a delete's
 * releases. Seen through {@link CommandStopProxy}: it lets the step's first command run and holds
 * its reply, and the client's next command of the step arrives all the same, which a client that
 * waited for each reply would never send. A batch's round trips are checked one by one the same
 * way, which bounds their number: it does not grow with the batch.
 */
class PartitionedRoundTripsTest extends RedisTestSupport {
    private static final long WAIT_MILLIS = 10_000;

    /**
     * Runs {@code operation} with a store connected through a proxy, holds the reply of its
     * {@code held}-th command, and returns how many commands the client sent by then (waiting
     * until it sent {@code expected}, or for a while when it does not).
     */
    private int commandsSentWhileHeld(Consumer<LoginDao> operation, int held, int expected) throws Exception {
        RedisUrl server = RedisUrl.parse(urlWithNamespace(ns));
        try (CommandStopProxy proxy = new CommandStopProxy(server.host(), server.port())) {
            String url = urlWithNamespace(ns).replace(server.host() + ":" + server.port(), "127.0.0.1:" + proxy.port());
            RedisStore through = RedisStore.connect(url + "&timeout=20000");
            try {
                LoginDao logins = new LoginDao(through);
                // every script's text goes once, so that each call below is one EVALSHA
                Login warm = logins.save(new Login(null, "warm@x", "warm", "DE", 0));
                logins.save(warm.withEmail("warm2@x"));
                logins.delete(warm.id());
                proxy.arm(held, Stop.AFTER);
                CompletableFuture.runAsync(() -> operation.accept(logins));
                assertTrue(proxy.awaitStop(WAIT_MILLIS), "the operation reached its " + held + "-th command");
                // a client that waits for each reply sends nothing more: this waits out the bound
                return proxy.awaitCommands(expected, 2_000);
            } finally {
                proxy.close(); // the held call fails; what it left is resolved by the protocol
                through.close();
            }
        }
    }

    @Test
    void aNewObjectsClaimsGoTogetherAndSoDoTheirConfirmations() throws Exception {
        assumeTrue(onOneServer(), "a proxy stands before one server only");
        // 1 reserves the id, 2 and 3 claim the email and the nick, 4 writes, 5 and 6 confirm
        assertEquals(3, commandsSentWhileHeld(logins -> logins.save(new Login(null, "a@x", "a", "DE", 0)), 2, 3),
                "the nick's claim was sent before the email's claim replied");
        deleteNamespace(store, ns);
        assertEquals(6, commandsSentWhileHeld(logins -> logins.save(new Login(null, "a@x", "a", "DE", 0)), 5, 6),
                "the nick's confirmation was sent before the email's replied");
    }

    @Test
    void aChangedValuesReleaseGoesWithTheConfirmations() throws Exception {
        assumeTrue(onOneServer(), "a proxy stands before one server only");
        Login had = new LoginDao(store).save(new Login(null, "old@x", "n", "DE", 0));
        // 1 and 2 claim the email and the nick, 3 writes, 4 and 5 confirm them, 6 releases the old email
        assertEquals(6, commandsSentWhileHeld(logins -> logins.save(had.withEmail("new@x")), 4, 6),
                "the confirmations and the release went in one round trip");
    }

    @Test
    void aDeletesReleasesGoTogether() throws Exception {
        assumeTrue(onOneServer(), "a proxy stands before one server only");
        Login had = new LoginDao(store).save(new Login(null, "old@x", "n", "DE", 0));
        // 1 deletes, 2 and 3 release the email and the nick, 4 and 5 read the object for each, 6 and 7 settle
        assertEquals(3, commandsSentWhileHeld(logins -> logins.delete(had.id()), 2, 3),
                "the nick's release was sent before the email's replied");
        deleteNamespace(store, ns);
        Login again = new LoginDao(store).save(new Login(null, "old@x", "n", "DE", 0));
        assertEquals(7, commandsSentWhileHeld(logins -> logins.delete(again.id()), 6, 7),
                "the nick's settling was sent before the email's replied");
    }

    // ---- batches

    private static final int PARTITIONS = 4;

    /** New objects "<prefix><i>@x", nick "<prefix><i>", for i from 0. */
    private static List<Login> fresh(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> new Login(null, prefix + i + "@x", prefix + i, "DE", 0)).toList();
    }

    /**
     * Checks that {@code operation} takes at most {@code sizes.length} round trips, the i-th of
     * {@code sizes[i]} commands: for each, it runs the operation (on a Redis that {@code prepare}
     * set up in an emptied namespace) through a proxy that holds the reply of the round trip's
     * first command, and the round trip's other commands arrive all the same, sent without waiting
     * for any reply; then it runs the operation whole and finds that these are all its commands.
     * The one-by-one batches this replaced fail it: they wait for a reply before their next object.
     */
    private void assertRoundTrips(Consumer<LoginDao> prepare, Consumer<LoginDao> operation, int... sizes) throws Exception {
        RedisUrl server = RedisUrl.parse(urlWithNamespace(ns));
        try (CommandStopProxy proxy = new CommandStopProxy(server.host(), server.port());
             RedisStore through = RedisStore.connect(urlWithNamespace(ns).replace(server.host() + ":" + server.port(),
                     "127.0.0.1:" + proxy.port()) + "&timeout=20000")) {
            List<Integer> seen = new ArrayList<>();
            int first = 1;
            for (int size : sizes) {
                deleteNamespace(store, ns);
                prepare.accept(new LoginDao(store));
                LoginDao logins = new LoginDao(through); // its new objects go to the partitions in turn, from partition 0
                logins.schemaVersion(); // the DAO's first call reads the stored schema: one round trip, once
                proxy.arm(first, Stop.AFTER);
                CompletableFuture<Void> run = CompletableFuture.runAsync(() -> operation.accept(logins));
                assertTrue(proxy.awaitStop(WAIT_MILLIS), "the operation reached its " + first + "-th command");
                seen.add(proxy.awaitCommands(first + size - 1, WAIT_MILLIS) - first + 1);
                proxy.resume();
                run.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                first += size;
            }
            assertEquals(Arrays.stream(sizes).boxed().toList(), seen, "the commands sent while each round trip's first reply was held");
            deleteNamespace(store, ns);
            prepare.accept(new LoginDao(store));
            LoginDao logins = new LoginDao(through);
            logins.schemaVersion();
            proxy.arm(first, Stop.AFTER);
            operation.accept(logins);
            assertEquals(first - 1, proxy.commandsSinceArmed(), "the operation's commands, all in those round trips");
        }
    }

    /**
     * A batch of n new objects (two unique values each, over 4 partitions): the ids in one round
     * trip (an INCRBY per partition), the claims in one, a write script per partition, the
     * confirmations in one: 7 round trips whatever n, where one object at a time took 4 each.
     */
    @Test
    void aBatchOfNewObjectsTakesTheSameRoundTripsWhateverItsSize() throws Exception {
        assumeTrue(onOneServer(), "a proxy stands before one server only");
        for (int n : new int[] {8, 40}) {
            assertRoundTrips(logins -> {}, logins -> logins.saveAll(fresh("n", n)), 4, 2 * n, 1, 1, 1, 1, 2 * n);
        }
    }

    /**
     * Each value's entry names an object that does not have it (left by a client that stopped
     * before releasing it): every claim asks for its holder to be read, the holders are read in
     * one round trip, the claims fence the values in one, the holders are read again behind the
     * fences in one, and the claims are made in one (see unique/claim.lua).
     */
    @Test
    void aBatchReadsTheHoldersItChecksTogether() throws Exception {
        assumeTrue(onOneServer(), "a proxy stands before one server only");
        int n = 20;
        Consumer<LoginDao> staleEntries = logins -> {
            for (Login l : fresh("s", n)) {
                for (String[] value : List.of(new String[] {"email", l.email()}, new String[] {"nick", l.nick()})) {
                    String uni = PartitionTags.base(ns, "login", JedisClusterCRC16.getCRC16(value[1]) % PARTITIONS, PARTITIONS)
                            + ":uni:" + value[0];
                    raw(jedis -> jedis.hset(uni, value[1], "999999"));
                }
            }
        };
        assertRoundTrips(staleEntries, logins -> logins.saveAll(fresh("s", n)), 4, 2 * n, 2 * n, 2 * n, 2 * n, 2 * n,
                1, 1, 1, 1, 2 * n);
    }

    /**
     * A deleteAll of n objects: a delete script per partition, then every release in one round
     * trip, the objects read again in one and the releases' marks settled in one.
     */
    @Test
    void aDeleteAllReleasesEveryValueInOneRoundTrip() throws Exception {
        assumeTrue(onOneServer(), "a proxy stands before one server only");
        for (int n : new int[] {8, 40}) {
            List<Long> ids = new ArrayList<>();
            assertRoundTrips(logins -> {
                ids.clear();
                logins.saveAll(fresh("d", n)).forEach(l -> ids.add(l.id()));
            }, logins -> assertEquals(n, logins.deleteAll(ids)), 1, 1, 1, 1, 2 * n, 2 * n, 2 * n);
        }
    }
}
