package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.UniqueViolationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What readers see of an all-or-nothing batch that is refused or whose process dies part-way:
 * nothing. Its claims live in keys of their own, never in the unique hashes that queries and
 * {@code getBy<Unique>} read, and each expires at the batch's deadline, so a killed batch leaves
 * nothing behind once the deadline has passed.
 */
class BatchCrashTest extends BatchTestSupport {
    private static final int KILLED_BATCH = 20_000;

    /** Reads of one email, by every path a reader has, must all agree that nobody holds it. */
    private void assertNobodyHolds(String email) {
        assertEquals(Optional.empty(), dao.getByEmail(email), email);
        assertEquals(0, dao.query().filter(MemberQuery.email.eq(email)).count(), email);
        assertFalse(dao.query().filter(MemberQuery.email.in(email, "other@x")).exists(), email);
        assertEquals(List.of(), dao.query().filter(MemberQuery.email.eq(email)).ids(), email);
        assertEquals(List.of(), dao.query().filter(MemberQuery.email.eq(email)).list(), email);
    }

    /**
     * The batch writes through a proxy that holds the reply of its k-th command, for k = 1, 2...
     * until the batch has claimed a value by then: the readers then look while it is held there,
     * claims made and nothing written, and the batch goes on to its refusal.
     */
    @Test
    void readersNeverSeeTheValuesOfARefusedBatchWhileItRuns() throws Exception {
        assumeTrue(onOneServer(), "a proxy stands before one server only: cluster and Sentinel clients find the servers themselves");
        Member holder = dao.save(new Member(null, "taken@x", "holder", "DE", 30, "Holder"));
        List<Member> input = freshMembers(3001);
        input.set(3000, input.get(3000).withEmail("taken@x"));
        RedisUrl server = RedisUrl.parse(urlWithNamespace(ns));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (CommandStopProxy proxy = new CommandStopProxy(server.host(), server.port());
             RedisStore through = RedisStore.connect(
                     urlWithNamespace(ns).replace(server.host() + ":" + server.port(), "127.0.0.1:" + proxy.port()))) {
            MemberDao batchDao = new MemberDao(through);
            boolean seenWhileClaimed = false;
            for (int step = 1; !seenWhileClaimed; step++) {
                assertTrue(step < 50, "the batch claimed e0@x within its first commands");
                proxy.arm(step, CommandStopProxy.Stop.AFTER);
                Future<List<Member>> batch = pool.submit(() -> batchDao.saveAll(input, BatchMode.ALL_OR_NOTHING));
                assertTrue(proxy.awaitStop(10_000), "the batch reached its command " + step);
                if (exists(claimKey("email", "e0@x"))) {
                    assertNobodyHolds("e0@x");
                    assertEquals(1, dao.count());
                    seenWhileClaimed = true;
                }
                proxy.resume();
                ExecutionException e = assertThrows(ExecutionException.class, () -> batch.get(30, TimeUnit.SECONDS));
                assertViolation((UniqueViolationException) e.getCause(), "email", "taken@x", holder.id());
                assertNobodyHolds("e0@x");
            }
        } finally {
            pool.shutdownNow();
        }
        assertNoBatchLeftovers();
        checkInvariants();
    }

    /**
     * A batch in another JVM, killed with SIGKILL while it claims: what it leaves are its claims
     * and temporary hashes, each expiring at the deadline; until then its values stay held for
     * writers and invisible to readers, and nothing else in Redis has changed.
     */
    @Test
    void aKilledBatchLeavesOnlyKeysThatExpireAtItsDeadline() throws Exception {
        Member holder = dao.save(new Member(null, "taken@x", "holder", "DE", 30, "Holder"));
        SortedMap<String, String> before = snapshotWithoutCounter();
        Set<String> keysBefore = keys();

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BatchCrashTest.class.getName(),
                TestServers.url() + "?namespace=" + ns, Integer.toString(KILLED_BATCH))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            while (!exists(claimKey("email", "e0@x"))) {
                assertTrue(child.isAlive(), () -> "the batch process ended before it claimed anything: exit " + child.exitValue());
                Thread.onSpinWait();
            }
            assertTrue(child.isAlive(), "the batch was still running when it was killed");
        } finally {
            child.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook of the child runs
            child.waitFor(30, TimeUnit.SECONDS);
        }

        Set<String> left = new TreeSet<>(keys());
        left.removeAll(keysBefore);
        left.remove(counterKey());
        assertFalse(left.isEmpty(), "the killed batch had claimed values");
        for (String key : left) {
            assertTrue(key.startsWith(memberBase() + ":claim:") || key.startsWith(memberBase() + ":tmp:"),
                    "a killed batch leaves only claims and temporary hashes: " + key);
            long ttl = raw(jedis -> jedis.pttl(key));
            assertTrue(ttl > 0 && ttl <= 60_000 + KILLED_BATCH, key + " expires at the deadline: pttl " + ttl);
        }
        assertEquals(before, withoutBatchLeftovers(snapshotWithoutCounter()), "nothing else changed");

        assertNobodyHolds("e0@x");
        assertEquals(List.of(holder), dao.query().list());
        assertEquals(1, dao.count());
        String claimant = raw(jedis -> jedis.get(claimKey("email", "e0@x")));
        UniqueViolationException e = assertThrowsExactly(UniqueViolationException.class,
                () -> dao.save(new Member(null, "e0@x", "late", "FR", 20, "Late")));
        assertViolation(e, "email", "e0@x", Long.valueOf(claimant));

        // what the deadline removes, removed now: the model is intact
        raw(jedis -> jedis.del(left.toArray(String[]::new)));
        checkInvariants();
    }

    private SortedMap<String, String> withoutBatchLeftovers(SortedMap<String, String> snapshot) {
        snapshot.keySet().removeIf(k -> k.startsWith(memberBase() + ":claim:") || k.startsWith(memberBase() + ":tmp:"));
        return snapshot;
    }

    /** The killed process: an all-or-nothing batch of members whose last one is refused, were it ever reached. */
    public static void main(String[] args) {
        try (RedisStore store = RedisStore.connect(args[0])) {
            List<Member> input = new ArrayList<>(freshMembers(Integer.parseInt(args[1])));
            input.set(input.size() - 1, input.get(input.size() - 1).withEmail("taken@x"));
            new MemberDao(store).saveAll(input, BatchMode.ALL_OR_NOTHING);
        }
    }
}
