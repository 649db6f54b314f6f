package dev.redao.it.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.CommandStopProxy;
import dev.redao.it.CommandStopProxy.Stop;
import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Login;
import dev.redao.it.model.LoginDao;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.OptimisticLockException;
import dev.redao.runtime.PartialBatchException;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * saveAll and deleteAll of a partitioned model with unique fields take the claim protocol's steps
 * for the whole batch at once (docs/partitioned-models.md): every value is found afterwards, a
 * refusal saves exactly the objects before the refused one (as saving them one by one would) and
 * leaves no claim, and a deleteAll releases every value it deleted.
 */
class PartitionedBatchTest extends RedisTestSupport {
    private static final int PARTITIONS = 4;

    private LoginDao logins;

    @BeforeEach
    void dao() {
        logins = new LoginDao(store); // its new objects go to the partitions in turn, from partition 0
    }

    /** New objects "<prefix><i>@x", nick "<prefix><i>", for i from 0. */
    private static List<Login> fresh(String prefix, int count) {
        List<Login> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Login(null, prefix + i + "@x", prefix + i, i % 3 == 0 ? "DE" : "FR", 0));
        }
        return out;
    }

    private String partition(int p) {
        return PartitionTags.base(ns, "login", p, PARTITIONS);
    }

    /** The ids the partitions' counters have handed out, all together. */
    private long idsHandedOut() {
        long sum = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            String key = partition(p) + ":ids";
            String counter = raw(jedis -> jedis.get(key));
            sum += counter == null ? 0 : Long.parseLong(counter);
        }
        return sum;
    }

    private List<String> claims() {
        return keys().stream().filter(k -> k.contains(":claim:")).toList();
    }

    /**
     * Redis holds exactly the objects {@code saved}, each found by each of its values, no object
     * has the free values, no claim is left, and the keys agree (see {@link RedaoAssertions}).
     */
    private void assertExactly(List<Login> saved, List<String> freeEmails, List<String> freeNicks) {
        assertEquals(saved.size(), logins.count());
        for (Login l : saved) {
            Login found = logins.getByEmail(l.email()).orElseThrow(() -> new AssertionError(l.email() + " not found"));
            assertEquals(l.nick(), found.nick());
            assertEquals(found, logins.getByNick(l.nick()).orElseThrow());
        }
        for (String email : freeEmails) {
            assertTrue(logins.getByEmail(email).isEmpty(), email + " was not saved");
        }
        for (String nick : freeNicks) {
            assertTrue(logins.getByNick(nick).isEmpty(), nick + " was not saved");
        }
        assertEquals(List.of(), claims(), "every claim was confirmed or given up");
        RedaoAssertions.assertConsistent(logins);
    }

    @Test
    void aBatchOfNewObjectsIsSavedWithEveryValueFound() {
        List<Login> saved = logins.saveAll(fresh("u", 50));
        assertEquals(50, saved.size());
        assertEquals(PARTITIONS, saved.stream().map(l -> l.id() % PARTITIONS).distinct().count());
        for (int i = 0; i < 50; i++) {
            assertEquals("u" + i + "@x", saved.get(i).email(), "in the order given");
            assertEquals(1, saved.get(i).version());
            assertEquals(saved.get(i), logins.getByEmail("u" + i + "@x").orElseThrow());
            assertEquals(saved.get(i), logins.getByNick("u" + i).orElseThrow());
        }
        assertEquals(50, idsHandedOut());
        assertExactly(saved, List.of(), List.of());

        // a batch that changes values releases the old ones, which a later batch takes
        List<Login> changed = logins.saveAll(saved.subList(0, 20).stream().map(l -> l.withEmail("v-" + l.email())).toList());
        for (Login l : changed) {
            assertEquals(2, l.version());
            assertEquals(l, logins.getByEmail(l.email()).orElseThrow());
        }
        List<Login> takers = logins.saveAll(saved.subList(0, 20).stream()
                .map(l -> new Login(null, l.email(), "t-" + l.nick(), "DE", 0)).toList());
        List<Login> all = new ArrayList<>(changed);
        all.addAll(saved.subList(20, 50));
        all.addAll(takers);
        assertExactly(all, List.of(), List.of());
    }

    @Test
    void aValueTwiceInTheBatchSavesTheObjectsBeforeTheSecond() {
        List<Login> batch = new ArrayList<>(fresh("d", 10));
        batch.set(6, new Login(null, "d2@x", "other", "DE", 0)); // object 2's email
        PartialBatchException e = assertThrows(PartialBatchException.class, () -> logins.saveAll(batch));
        assertEquals(6, e.written());
        UniqueViolationException refusal = assertInstanceOf(UniqueViolationException.class, e.getCause());
        assertEquals("email", refusal.field());
        assertEquals("d2@x", refusal.value());
        assertEquals(logins.getByEmail("d2@x").orElseThrow().id(), refusal.holderId());
        assertExactly(batch.subList(0, 6), List.of("d7@x", "d8@x", "d9@x"), List.of("other", "d7", "d8", "d9"));
        // the objects after the refused one were the last of their partitions: their ids went back
        assertEquals(6, idsHandedOut());
    }

    @Test
    void aValueAnotherObjectHoldsSavesTheObjectsBeforeIt() {
        Login holder = logins.save(new Login(null, "taken@x", "holder", "DE", 0));
        List<Login> batch = new ArrayList<>(fresh("t", 8));
        batch.set(5, new Login(null, "t5@x", "holder", "DE", 0));
        PartialBatchException e = assertThrows(PartialBatchException.class, () -> logins.saveAll(batch));
        assertEquals(5, e.written());
        UniqueViolationException refusal = assertInstanceOf(UniqueViolationException.class, e.getCause());
        assertEquals(holder.id(), refusal.holderId());
        List<Login> saved = new ArrayList<>(batch.subList(0, 5));
        saved.add(holder);
        assertExactly(saved, List.of("t5@x", "t6@x", "t7@x"), List.of("t6", "t7"));

        // refused at its first object: the refusal itself, and Redis as it was, id counters included
        SortedMap<String, String> before = snapshot();
        UniqueViolationException first = assertThrows(UniqueViolationException.class, () -> logins.saveAll(
                List.of(new Login(null, "x@x", "holder", "DE", 0), new Login(null, "y@x", "y", "DE", 0))));
        assertEquals(holder.id(), first.holderId());
        assertUnchanged(before);
    }

    /**
     * A value that an object of the batch gives up goes to a later object of the batch, as when
     * the two are saved one by one; to an earlier one it does not (the value is still held then).
     */
    @Test
    void aBatchHandsAValueOverFromAnObjectToALaterOne() {
        Login a = logins.save(new Login(null, "a@x", "a", "DE", 0));
        List<Login> saved = logins.saveAll(List.of(a.withEmail("c@x"), new Login(null, "a@x", "b", "FR", 0)));
        assertExactly(saved, List.of(), List.of());
        assertEquals(saved.get(1), logins.getByEmail("a@x").orElseThrow());

        Login c = saved.get(0);
        UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> logins.saveAll(
                List.of(new Login(null, "c@x", "d", "DE", 0), c.withEmail("e@x"))));
        assertEquals(c.id(), e.holderId());
        assertExactly(saved, List.of("e@x"), List.of("d"));
    }

    /**
     * A refusal that only the write scripts find (a version) stops the batch at its script: the
     * scripts go in the order of their first objects, so one of the first object's partition
     * writes nothing at all.
     */
    @Test
    void aRefusalOfAWriteScriptGivesUpTheClaimsOfWhatWasNotWritten() {
        Login stale = logins.save(new Login(5L, "s@x", "s", "DE", 0)); // partition 1, version 1
        // a new object (partition 0) first, then a stale version of 5
        PartialBatchException e = assertThrows(PartialBatchException.class, () -> new LoginDao(store).saveAll(
                List.of(new Login(null, "n@x", "n", "DE", 0), new Login(5L, "s2@x", "s", "DE", 0))));
        assertEquals(1, e.written());
        assertInstanceOf(OptimisticLockException.class, e.getCause());
        Login saved = logins.getByEmail("n@x").orElseThrow();
        assertExactly(List.of(stale, saved), List.of("s2@x"), List.of());

        // the stale object first: nothing written, the new object's id given back
        SortedMap<String, String> before = snapshot();
        assertThrows(OptimisticLockException.class, () -> new LoginDao(store).saveAll(
                List.of(new Login(5L, "s3@x", "s", "DE", 0), new Login(null, "m@x", "m", "DE", 0))));
        assertUnchanged(before);
    }

    @Test
    void deleteAllReleasesEveryValueOfTheObjectsItDeletes() {
        List<Login> saved = logins.saveAll(fresh("r", 60));
        List<Long> ids = new ArrayList<>(saved.stream().map(Login::id).toList());
        ids.add(999_999L); // no such object
        assertEquals(60, logins.deleteAll(ids));
        assertEquals(0, logins.count());
        assertEquals(List.of(), keys().stream().filter(k -> k.contains(":uni:") || k.contains(":claim:")).toList());
        // a new object can take each value
        List<Login> again = logins.saveAll(fresh("r", 60));
        assertExactly(again, List.of(), List.of());
        assertEquals(30, logins.deleteAll(again.subList(0, 30).stream().map(Login::id).toList()));
        assertExactly(again.subList(30, 60), again.subList(0, 30).stream().map(Login::email).toList(),
                again.subList(0, 30).stream().map(Login::nick).toList());
    }

    @Test
    void anAllOrNothingBatchOfSeveralObjectsIsRefusedBeforeAnythingIsSent() {
        SortedMap<String, String> before = snapshot();
        assertThrows(CrossSlotException.class, () -> logins.saveAll(fresh("a", 2), BatchMode.ALL_OR_NOTHING));
        assertUnchanged(before);
        Login one = logins.saveAll(fresh("a", 1), BatchMode.ALL_OR_NOTHING).get(0);
        assertExactly(List.of(one), List.of(), List.of());
    }

    /**
     * The script that writes several objects of one partition (the model's write module under
     * the runtime's driver, put together as the runtime does), run by hand with a deadline: past
     * it, nothing is written; before it, the objects are, and the reply gives the unique values
     * each had, which the runtime releases in their partitions.
     */
    @Test
    void aBatchsWriteScriptAfterItsClaimsDeadlineWritesNothing() throws IOException {
        String script = "local M = {\n(" + LoginDao.SCHEMA.writeModule() + ")(KEYS[1], KEYS[2]),\n}\nlocal R = {\n{},\n}\n"
                + resource("dev/redao/runtime/lua/model/driver.lua");
        List<String> keys = List.of(partition(1) + ":id", partition(1) + ":ids");
        // two saves, no delete: ids 5 and 9 (partition 1), a mask of the four fields, the values; no
        // structure write
        List<String> saves = List.of("2", "0", "5", "1111", "a@x", "a", "DE", "0", "9", "1111", "b@x", "b", "DE", "0", "0");
        SortedMap<String, String> before = snapshot();
        Object late = raw(jedis -> jedis.eval(script, keys, plus(saves, Long.toString(System.currentTimeMillis() - 1))));
        assertEquals(List.of(0L, 1L, "expired"), late);
        assertUnchanged(before);

        String inTime = Long.toString(System.currentTimeMillis() + 60_000);
        Object written = raw(jedis -> jedis.eval(script, keys, plus(saves, inTime)));
        assertEquals(List.of(1L, List.of(0L, List.of("5", "9"), List.of("1", "1"), Arrays.asList(null, null, null, null), List.of())),
                written, "new objects had no values");
        Object changed = raw(jedis -> jedis.eval(script, keys,
                plus(List.of("1", "0", "5", "1111", "c@x", "a", "DE", "1", "0"), inTime)));
        assertEquals(List.of("a@x", "a"), ((List<?>) ((List<?>) changed).get(1)).get(3), "5 had a@x and a");
        Object deleted = raw(jedis -> jedis.eval(script, keys, List.of("0", "3", "5", "9", "13", "0")));
        assertEquals(List.of(1L, List.of(2L, List.of(), List.of(), List.of(), List.of("5", "c@x", "a", "9", "b@x", "b"))), deleted,
                "each object deleted, with its values; 13 was none");
    }

    private static List<String> plus(List<String> args, String last) {
        return Stream.concat(args.stream(), Stream.of(last)).toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PartitionedBatchTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException(name + " is not on the class path"));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A write script that ran but whose reply was lost (the connection cut after Redis ran it):
     * its objects may have been written, so their claims stay (the next writer of a value reads
     * the object and confirms the value) and their ids are not given back; the objects of the
     * scripts not sent give up their claims and their ids.
     */
    @Test
    void aWriteCutOffAfterItRanKeepsItsObjectsClaimsAndIds() throws Exception {
        assumeTrue(onOneServer(), "a proxy stands before one server only");
        RedisUrl server = RedisUrl.parse(urlWithNamespace(ns));
        try (CommandStopProxy proxy = new CommandStopProxy(server.host(), server.port());
             RedisStore through = RedisStore.connect(urlWithNamespace(ns).replace(server.host() + ":" + server.port(),
                     "127.0.0.1:" + proxy.port()))) {
            List<Login> batch = fresh("c", 8); // partitions 0, 1, 2, 3, 0, 1, 2, 3
            // 4 INCRBYs, 16 claims, then the first write script: partition 0's, objects 0 and 4
            LoginDao cutOff = new LoginDao(through);
            cutOff.schemaVersion(); // the DAO's first call reads the stored schema: one round trip, once
            proxy.arm(21, Stop.AFTER);
            CompletableFuture<List<Login>> run =
                    CompletableFuture.supplyAsync(() -> cutOff.saveAll(batch));
            assertTrue(proxy.awaitStop(10_000), "the batch reached its first write");
            proxy.cut();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> run.get(10, TimeUnit.SECONDS));
            RedaoConnectionException lost = assertInstanceOf(RedaoConnectionException.class, e.getCause());
            assertTrue(lost.writeMayHaveRun(), lost.getMessage());
        }
        Login c0 = logins.getByEmail("c0@x").orElseThrow(() -> new AssertionError("the write ran: c0 is found by its claim"));
        Login c4 = logins.getByNick("c4").orElseThrow();
        assertEquals(2, logins.count());
        assertEquals(4, claims().size(), "the claims of the two objects written stay: " + claims());
        assertEquals(2, idsHandedOut(), "their ids stay taken; the others were given back");
        for (int i : new int[] {1, 2, 3, 5, 6, 7}) {
            assertTrue(logins.getByEmail("c" + i + "@x").isEmpty());
        }
        // a claim within its deadline is taken at face value
        UniqueViolationException taken = assertThrows(UniqueViolationException.class,
                () -> logins.save(new Login(null, "c0@x", "x", "DE", 0)));
        assertEquals(c0.id(), taken.holderId());
        assertEquals(c4, logins.getByEmail("c4@x").orElseThrow());
    }
}
