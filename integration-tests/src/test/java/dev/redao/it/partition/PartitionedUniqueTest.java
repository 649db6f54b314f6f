package dev.redao.it.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Login;
import dev.redao.it.model.LoginDao;
import dev.redao.it.model.LoginQuery;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.OptimisticLockException;
import dev.redao.runtime.PartialBatchException;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@code @Unique} on a partitioned model: each value's entry lives in the partition of its CRC16,
 * and a save claims the value there, writes its object, then confirms (the claim protocol of
 * docs/partitioned-models.md). Values stay unique across partitions, under racing writers too, and
 * what a client that stops between two steps leaves behind (a claim, an unconfirmed value, an
 * entry it did not release) is resolved by the next writer or reader of the value.
 */
class PartitionedUniqueTest extends RedisTestSupport {
    private static final int PARTITIONS = 4;
    /**
     * How many calls each thread of the racing tests makes: ten times more with
     * {@code -Dredao.soak=true}, for the races too rare to show in a short run.
     */
    private static final int RACE_ROUNDS = Boolean.getBoolean("redao.soak") ? 10 : 1;

    private LoginDao logins;

    @BeforeEach
    void dao() {
        logins = new LoginDao(store);
    }

    private static Login login(Long id, String email, String nick) {
        return new Login(id, email, nick, "DE", 0);
    }

    /**
     * The base key of the partition that holds a unique value's entry (the CRC16 of the value),
     * written out from the documented layout: <code>{&lt;ns&gt;:login:&lt;p&gt;.&lt;k&gt;}</code>, k the
     * first number whose tag hashes into the p-th quarter of the slots.
     */
    private String partitionOfValue(String value) {
        return partition(JedisClusterCRC16.getCRC16(value) % PARTITIONS);
    }

    private String partition(int p) {
        return PartitionTags.base(ns, "login", p, PARTITIONS);
    }

    private String holderOf(String field, String value) {
        return raw(jedis -> jedis.hget(partitionOfValue(value) + ":uni:" + field, value));
    }

    private String claimOf(String field, String value) {
        return raw(jedis -> jedis.get(partitionOfValue(value) + ":claim:" + field + ":" + value));
    }

    @Test
    void aValueIsUniqueAcrossPartitionsAndARefusedSaveChangesNothing() {
        List<Login> saved = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            saved.add(logins.save(login(null, "u" + i + "@x", "n" + i)));
        }
        assertEquals(PARTITIONS, saved.stream().map(l -> l.id() % PARTITIONS).distinct().count());
        for (Login l : saved) {
            assertEquals(l.id().toString(), holderOf("email", l.email()));
            assertEquals(l, logins.getByEmail(l.email()).orElseThrow());
            assertEquals(l, logins.getByNick(l.nick()).orElseThrow());
            assertNull(claimOf("email", l.email()), "a confirmed value keeps no claim");
        }
        SortedMap<String, String> before = snapshot();
        for (int i = 0; i < 8; i++) { // new objects land in every partition; each value is taken
            int taken = i;
            UniqueViolationException e = assertThrows(UniqueViolationException.class,
                    () -> logins.save(login(null, "u" + taken + "@x", "fresh" + taken)));
            assertEquals(saved.get(i).id(), e.holderId());
        }
        assertThrows(UniqueViolationException.class, () -> logins.save(login(null, "new@x", "n3")));
        assertUnchanged(before);
        assertEquals(8, logins.count());
    }

    @Test
    void aChangedOrDeletedObjectReleasesItsValues() {
        Login a = logins.save(login(null, "a@x", "a"));
        Login moved = logins.save(a.withEmail("b@x"));
        assertTrue(logins.getByEmail("a@x").isEmpty());
        assertNull(holderOf("email", "a@x"));
        assertEquals(moved, logins.getByEmail("b@x").orElseThrow());
        Login other = logins.save(login(null, "a@x", "other"));
        assertEquals(other.id().toString(), holderOf("email", "a@x"));

        // a stale version: refused after its claim on c@x was made
        assertThrows(OptimisticLockException.class, () -> logins.save(new Login(moved.id(), "c@x", "a", "DE", 0)));
        assertNull(claimOf("email", "c@x"), "a refused write gives its claims up");
        assertEquals(moved.id().toString(), holderOf("email", "b@x"), "and keeps what it held");

        assertTrue(logins.delete(moved.id()));
        assertNull(holderOf("email", "b@x"));
        assertTrue(logins.getByNick("a").isEmpty());
        assertEquals(1, logins.query().filter(LoginQuery.email.eq("a@x")).count());
        assertEquals(List.of(other.id()), logins.query().filter(LoginQuery.nick.in("other", "a")).ids());
        assertEquals(1, logins.query().filter(LoginQuery.email.eq("a@x")).delete());
        assertNull(holderOf("email", "a@x"));
        assertEquals(0, logins.count());
    }

    @Test
    void batchesStopAtTheirFirstRefusalAndTransactionsAreRefused() {
        List<Login> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(login(null, "b" + i + "@x", "b" + i));
        }
        assertEquals(10, logins.saveAll(batch).size());
        PartialBatchException partial = assertThrows(PartialBatchException.class,
                () -> logins.saveAll(List.of(login(null, "c@x", "c"), login(null, "b3@x", "d"))));
        assertEquals(1, partial.written());
        assertThrows(CrossSlotException.class, () -> logins.saveAll(
                List.of(login(null, "e@x", "e"), login(null, "f@x", "f")), BatchMode.ALL_OR_NOTHING));
        Login c = logins.getByEmail("c@x").orElseThrow();
        CrossSlotException tx = assertThrows(CrossSlotException.class,
                () -> store.transaction(t -> t.save(logins, c.withEmail("g@x"))));
        assertTrue(tx.getMessage().contains("unique fields"), tx.getMessage());
        assertEquals(11, logins.deleteAll(logins.query().ids()));
        assertTrue(keys().stream().noneMatch(k -> k.contains(":uni:") || k.contains(":claim:")), keys().toString());
    }

    /**
     * A write that runs after its claims' deadline (a client paused between claiming and writing)
     * writes nothing: past the deadline and a grace, another writer may take the value.
     */
    @Test
    void aWriteAfterItsClaimsDeadlineWritesNothing() {
        Login a = logins.save(login(5L, "a@x", "a")); // partition 1
        String base = partition(1);
        SortedMap<String, String> before = snapshot();
        Object reply = raw(jedis -> jedis.evalsha(LoginDao.SCHEMA.saveOne().sha1(), List.of(base + ":id", base + ":ids"),
                List.of("1", "0", "5", "1111", "late@x", "a", "DE", Long.toString(a.version()),
                        Long.toString(System.currentTimeMillis() - 1))));
        assertEquals(List.of(0L, 1L, "expired"), reply);
        assertUnchanged(before);
    }

    /** What a client that stops between two steps of the protocol leaves behind, each resolved. */
    @Test
    void whatAStoppedClientLeavesIsResolvedByTheNextWriterOrReader() {
        Login a = logins.save(login(null, "a@x", "a"));
        long past = System.currentTimeMillis() - 60_000;

        // stopped after its claim: the claimed object never got the value, so the claim goes
        raw(jedis -> jedis.set(partitionOfValue("z@x") + ":claim:email:z@x", "999 " + past + " 5"));
        Login z = logins.save(login(null, "z@x", "z"));
        assertEquals(z.id().toString(), holderOf("email", "z@x"));

        // stopped after its write, before confirming: the value is the object's
        raw(jedis -> jedis.hdel(partitionOfValue("a@x") + ":uni:email", "a@x"));
        raw(jedis -> jedis.set(partitionOfValue("a@x") + ":claim:email:a@x", a.id() + " " + past + " 5"));
        assertEquals(a, logins.getByEmail("a@x").orElseThrow(), "a reader follows the claim");
        UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> logins.save(login(null, "a@x", "y")));
        assertEquals(a.id(), e.holderId());
        assertEquals(a.id().toString(), holderOf("email", "a@x"), "the writer confirmed it");
        assertNull(claimOf("email", "a@x"));

        // a claim within its deadline is taken at face value
        raw(jedis -> jedis.set(partitionOfValue("w@x") + ":claim:email:w@x", "998 " + (System.currentTimeMillis() + 60_000) + " 5"));
        assertThrows(UniqueViolationException.class, () -> logins.save(login(null, "w@x", "w")));

        // stopped after a change or a delete, before releasing: the entry names an object without the value
        Login moved = logins.save(z.withEmail("y@x"));
        raw(jedis -> jedis.hset(partitionOfValue("z@x") + ":uni:email", "z@x", moved.id().toString()));
        assertTrue(logins.getByEmail("z@x").isEmpty());
        Login taker = logins.save(login(null, "z@x", "t"));
        assertEquals(taker.id().toString(), holderOf("email", "z@x"));
        assertTrue(logins.delete(taker.id()));
        raw(jedis -> jedis.hset(partitionOfValue("z@x") + ":uni:email", "z@x", taker.id().toString()));
        assertEquals("z@x", logins.save(login(null, "z@x", "u")).email());
    }

    /** Eight threads saving, changing and deleting objects over a small pool of values: never a duplicate. */
    @Test
    void racingWritersNeverShareAValue() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(threads.submit(() -> {
                int saves = 0;
                for (int i = 0; i < 60 * RACE_ROUNDS; i++) {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    String email = "r" + rnd.nextInt(12) + "@x";
                    try {
                        if (rnd.nextInt(4) == 0) {
                            logins.query().filter(LoginQuery.email.eq(email)).delete();
                        } else {
                            logins.save(login(null, email, "n" + rnd.nextInt(1_000_000)));
                            saves++;
                        }
                    } catch (UniqueViolationException expected) {
                        // another thread has it
                    }
                }
                return saves;
            }));
        }
        int saves = 0;
        for (Future<Integer> f : done) {
            saves += f.get();
        }
        threads.shutdown();
        assertTrue(saves > 12, "some saves got through: " + saves);
        Map<String, Long> holders = new HashMap<>();
        for (Login l : logins.query().list()) {
            assertNull(holders.put(l.email(), l.id()), "two objects hold " + l.email());
            assertEquals(l.id().toString(), holderOf("email", l.email()));
            assertEquals(l, logins.getByEmail(l.email()).orElseThrow());
        }
        assertFalse(holders.isEmpty());
        assertEquals(Collections.emptyList(), keys().stream().filter(k -> k.contains(":claim:")).toList(),
                "every claim was confirmed or given up");
    }

    /**
     * Six threads saving the same three objects at once, each save changing the email (from a
     * pool) and the nick, some refused (a nick held by another object, an email taken, a version
     * another save moved on): each object that has an email holds its entry, and no claim stays.
     */
    @Test
    void racingSavesOfTheSameObjectsKeepEveryEntry() throws Exception {
        List<Login> objects = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            objects.add(logins.save(login(null, "s" + i + "@x", "s" + i)));
        }
        logins.save(login(null, "held@x", "held"));
        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            done.add(threads.submit(() -> {
                int saves = 0;
                for (int i = 0; i < 150 * RACE_ROUNDS; i++) {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    Long id = objects.get(rnd.nextInt(objects.size())).id();
                    Login now = logins.get(id).orElseThrow();
                    String nick = rnd.nextInt(3) == 0 ? "held" : "n" + rnd.nextInt(1_000_000);
                    try {
                        logins.save(new Login(id, "s" + rnd.nextInt(6) + "@x", nick, now.country(), now.version()));
                        saves++;
                    } catch (UniqueViolationException | OptimisticLockException refused) {
                        // a value taken, or another save of the object came first
                    }
                }
                return saves;
            }));
        }
        int saves = 0;
        for (Future<Integer> f : done) {
            saves += f.get();
        }
        threads.shutdown();
        assertTrue(saves > 3, "some saves got through: " + saves);
        for (Login o : objects) {
            Login l = logins.get(o.id()).orElseThrow();
            assertEquals(l.id().toString(), holderOf("email", l.email()), "the entry of " + l);
            assertEquals(l, logins.getByEmail(l.email()).orElseThrow());
        }
        assertEquals(Collections.emptyList(), keys().stream().filter(k -> k.contains(":claim:")).toList(),
                "every claim was confirmed or given up");
        RedaoAssertions.assertConsistent(logins);
    }
}
