package dev.redao.it.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Login;
import dev.redao.it.model.LoginDao;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UniqueViolationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A writer of a partitioned model with unique fields, in another JVM, killed with SIGKILL at four
 * moments while it saves, changes and deletes objects over a small pool of values: wherever in
 * the claim protocol it stopped, no two objects share a value, every object is found by its
 * value, every claim it left ends at a deadline within its time to live, and once those deadlines
 * have passed the next writers resolve what is left and keep every value unique.
 */
class PartitionedCrashTest extends RedisTestSupport {
    private static final int VALUES = 20;
    /** The longest a claim lives before its deadline (see PartitionedUniques): 2 × the default timeout, 5 s at the least. */
    private static final long LONGEST_CLAIM_MILLIS = 10_000;

    @Test
    void aKilledWriterLeavesEveryValueUniqueAndEveryClaimResolvable() throws Exception {
        LoginDao logins = new LoginDao(store);
        for (int kill = 0; kill < 4; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PartitionedCrashTest.class.getName(),
                    // a short timeout: a save waiting for a save of the same object that the last kill
                    // stopped gives up sooner (its claim lives 5 s, the least, either way)
                    urlWithNamespace(ns) + "&timeout=1", Integer.toString(kill))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long killAt = idsIssued() + 15 + 10L * kill; // after a different number of new objects each time
            try {
                while (idsIssued() < killAt) {
                    assertTrue(child.isAlive(), () -> "the writer ended by itself: exit " + child.exitValue());
                    Thread.onSpinWait();
                }
            } finally {
                child.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook of the child runs
                child.waitFor(30, TimeUnit.SECONDS);
            }
            assertEveryValueUniqueAndFound(logins);
            assertClaimsEndWithin(System.currentTimeMillis() + LONGEST_CLAIM_MILLIS);
        }

        // what the deadlines would do in time, done now: every claim left is past its deadline and grace
        List<String> nicks = new ArrayList<>();
        for (String claim : claims()) {
            String[] holder = raw(jedis -> jedis.get(claim)).split(" ");
            raw(jedis -> jedis.set(claim, holder[0] + " " + (System.currentTimeMillis() - 60_000) + " " + holder[2]));
            if (claim.contains(":claim:nick:")) {
                nicks.add(claim.substring(claim.indexOf(":claim:nick:") + 12));
            }
        }
        // a nick claimed and never confirmed: its next writer takes it, unless an object has it
        for (String nick : nicks) {
            Login holder = logins.query().list().stream().filter(l -> l.nick().equals(nick)).findFirst().orElse(null);
            try {
                logins.save(new Login(null, "nick-" + nick + "@y", nick, "DE", 0));
                assertNull(holder, nick + " was given twice");
            } catch (UniqueViolationException e) {
                assertEquals(holder.id(), e.holderId(), nick);
            }
        }
        // the next writer of each value resolves it: taken if an object has it, else its own
        for (int v = 0; v < VALUES; v++) {
            String email = "v" + v + "@x";
            Login holder = holderByScan(logins).get(email);
            try {
                Login taker = logins.save(new Login(null, email, "taker" + v, "DE", 0));
                assertNull(holder, email + " was given to " + taker.id() + " though " + holder + " had it");
            } catch (RedaoException e) {
                assertTrue(e instanceof UniqueViolationException, e.toString());
                assertEquals(holder.id(), ((UniqueViolationException) e).holderId(), email);
            }
        }
        assertEveryValueUniqueAndFound(logins);
        assertEquals(List.of(), claims(), "every claim was resolved");
    }

    /** No two objects have one email, and getByEmail finds each object by it. */
    private void assertEveryValueUniqueAndFound(LoginDao logins) {
        for (Map.Entry<String, Login> e : holderByScan(logins).entrySet()) {
            assertEquals(e.getValue(), logins.getByEmail(e.getKey()).orElseThrow(), e.getKey());
        }
    }

    /** Each email's object, from every object of the model; fails if two have the same one. */
    private static Map<String, Login> holderByScan(LoginDao logins) {
        Map<String, Login> byEmail = new HashMap<>();
        for (Login l : logins.query().list()) {
            Login other = byEmail.put(l.email(), l);
            assertNull(other, "two objects have " + l.email() + ": " + other + " and " + l);
        }
        return byEmail;
    }

    private void assertClaimsEndWithin(long latest) {
        for (String claim : claims()) {
            long deadline = Long.parseLong(raw(jedis -> jedis.get(claim)).split(" ")[1]);
            assertTrue(deadline <= latest, claim + " holds until " + deadline + ", past " + latest);
        }
    }

    /** How many ids the partitions' counters have handed out (each new object takes one). */
    private long idsIssued() {
        long issued = 0;
        for (int p = 0; p < 4; p++) {
            String key = partition(p) + ":ids";
            String counter = raw(jedis -> jedis.get(key));
            issued += counter == null ? 0 : Long.parseLong(counter);
        }
        return issued;
    }

    /** Partition p's base key as the documented layout names it. */
    private String partition(int p) {
        return PartitionTags.base(ns, "login", p, 4);
    }

    private List<String> claims() {
        return keys().stream().filter(k -> k.contains(":claim:")).toList();
    }

    /** The killed writer: random saves, changes and deletes over {@value #VALUES} emails, until it is killed. */
    public static void main(String[] args) {
        try (RedisStore store = RedisStore.connect(args[0])) {
            LoginDao logins = new LoginDao(store);
            Random rnd = new Random(Long.parseLong(args[1]));
            for (long i = 0; ; i++) {
                String email = "v" + rnd.nextInt(VALUES) + "@x";
                try {
                    List<Long> ids = logins.query().limit(5).ids();
                    int op = rnd.nextInt(3);
                    if (op == 0 && !ids.isEmpty()) {
                        logins.delete(ids.get(rnd.nextInt(ids.size())));
                    } else if (op == 1 && !ids.isEmpty()) {
                        Login l = logins.get(ids.get(rnd.nextInt(ids.size()))).orElseThrow();
                        logins.save(l.withEmail(email));
                    } else {
                        logins.save(new Login(null, email, "n" + i, "DE", 0));
                    }
                } catch (RedaoException | NoSuchElementException refused) {
                    // a value another object has, or an object deleted meanwhile
                }
            }
        }
    }
}
