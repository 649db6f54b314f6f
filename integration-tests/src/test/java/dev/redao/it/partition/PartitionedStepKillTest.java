package dev.redao.it.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Login;
import dev.redao.it.model.LoginDao;
import dev.redao.it.CommandStopProxy;
import dev.redao.it.CommandStopProxy.Stop;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.UniqueViolationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The claim protocol of a partitioned model's unique values (docs/partitioned-models.md) with its
 * writer killed at each of its steps. The writer, in another JVM, reaches Redis through a
 * {@link CommandStopProxy} that stops it at its k-th command (each a step: a round trip of the
 * protocol), either before Redis sees the command or after Redis ran it, and the writer is then
 * killed with SIGKILL. A script runs whole or not at all, so these two moments of each step are all
 * the moments a client can stop at. For k = 1, 2, ... until the operation completes, and for each
 * operation that claims or releases values, what is left:
 * <ul>
 * <li>is one of the operation's two states, never a mix (the object before or after);
 * <li>gives no value to two objects, and finds every object by each of its values;
 * <li>holds no claim past its deadline;
 * <li>once the deadlines have passed, gives each value to its next writer exactly when no object
 *     has it, and those writers clear every claim left.
 * </ul>
 * Only on one server: cluster and Sentinel clients learn the servers' own addresses, so no proxy
 * can stand in front of them. The protocol's scripts and steps are the same on every deployment,
 * and on both servers of the build: it runs on the first (tag {@code client-kill}), as
 * FailoverTest does, since it takes about a minute and what it stops is the client, not Redis;
 * the other partition tests run the same scripts on the embedded Redis 6.2.
 */
@Tag("client-kill")
class PartitionedStepKillTest extends RedisTestSupport {
    /** The longest a claim lives before its deadline (see PartitionedUniques): 2 × the default timeout, 5 s at the least. */
    private static final long LONGEST_CLAIM_MILLIS = 10_000;
    private static final String OLD_EMAIL = "old@x";
    private static final String NEW_EMAIL = "e@x";
    private static final String NICK = "n";

    /**
     * What the killed writer does, from which state, the two states it may leave ("email nick" of
     * each object), and its steps as docs/partitioned-models.md gives them: the test fails if the
     * protocol takes another number, so that a change to it is seen and this list kept true.
     */
    enum Operation {
        /** A new object with two unique values. */
        CREATE(false, Set.of(), Set.of(NEW_EMAIL + " " + NICK),
                "reserve its id", "claim the email", "claim the nick", "write", "confirm the email", "confirm the nick"),
        /** An object saved with a new email (a save claims each unique value it writes, changed or not). */
        CHANGE(true, Set.of(OLD_EMAIL + " " + NICK), Set.of(NEW_EMAIL + " " + NICK),
                "claim the email", "claim the nick", "write", "confirm the email", "confirm the nick", "release the old email",
                "read the object again", "settle the old email"),
        /** An object deleted. */
        DELETE(true, Set.of(OLD_EMAIL + " " + NICK), Set.of(),
                "delete", "release the email", "release the nick", "read the object for the email",
                "read the object for the nick", "settle the email", "settle the nick"),
        /** A new object whose nick another has. */
        REFUSED(true, Set.of(OLD_EMAIL + " " + NICK), Set.of(OLD_EMAIL + " " + NICK),
                "reserve its id", "claim the email", "try the nick: its entry names another object",
                "read whether that object has the nick", "try the nick again: refused", "give up the email",
                "give the id back");

        final boolean existing;
        final Set<String> before;
        final Set<String> after;
        final List<String> steps;

        Operation(boolean existing, Set<String> before, Set<String> after, String... steps) {
            this.existing = existing;
            this.before = before;
            this.after = after;
            this.steps = List.of(steps);
        }
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void aWriterKilledAtAnyStepLeavesEveryValueUniqueFoundAndResolvable(Operation operation) throws Exception {
        assumeTrue(onOneServer(), "a proxy stands before one server only: cluster and Sentinel clients find the servers themselves");
        RedisUrl server = RedisUrl.parse(urlWithNamespace(ns));
        LoginDao logins = new LoginDao(store);
        try (CommandStopProxy proxy = new CommandStopProxy(server.host(), server.port())) {
            String writerUrl = urlWithNamespace(ns).replace(server.host() + ":" + server.port(), "127.0.0.1:" + proxy.port());
            // the next writer starts while the last one's leavings are checked: a JVM takes a while
            Writer next = new Writer(writerUrl, operation);
            try {
                for (int step = 1; ; step++) {
                    for (Stop where : Stop.values()) {
                        deleteNamespace(store, ns);
                        Login existing = operation.existing ? logins.save(new Login(null, OLD_EMAIL, NICK, "DE", 0)) : null;
                        String at = operation + " stopped " + where + " step " + step
                                + (step <= operation.steps.size() ? " (" + operation.steps.get(step - 1) + ")" : "");
                        Writer writer = next;
                        boolean completed = writer.run(proxy, existing, step, where);
                        next = new Writer(writerUrl, operation);
                        if (completed) {
                            assertEquals(operation.steps.size(), step - 1, operation + " took another number of steps than " + operation.steps);
                            assertEquals(operation.after, states(logins), operation + " completed");
                            assertResolvable(logins, at);
                            return;
                        }
                        Set<String> left = states(logins);
                        assertTrue(left.equals(operation.before) || left.equals(operation.after), at + " left " + left);
                        assertResolvable(logins, at);
                    }
                }
            } finally {
                next.kill();
            }
        }
    }

    /** A writer JVM: it connects through the proxy, says "ready", and waits for its go. */
    private static final class Writer {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> said = new ArrayList<>();

        Writer(String url, Operation operation) throws IOException {
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    PartitionedStepKillTest.class.getName(), url, operation.name())
                    .redirectErrorStream(true)
                    .start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException gone) {
                    // the writer was killed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * Runs the operation until the proxy stops the writer at its {@code step}-th command, then
         * kills it; returns true if it completed its operation in fewer steps instead.
         */
        boolean run(CommandStopProxy proxy, Login existing, int step, Stop where) throws Exception {
            try {
                await(lines, "ready", said, process);
                proxy.arm(step, where);
                try (java.io.Writer go = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                    go.write(existing == null ? "go\n" : "go " + existing.id() + " " + existing.version() + "\n");
                }
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < end) {
                    if (proxy.awaitStop(20)) {
                        return false;
                    }
                    String line = lines.poll();
                    if (line != null) {
                        said.add(line);
                        if (line.equals("done")) {
                            return true;
                        }
                    }
                }
                fail("the writer neither stopped nor completed: " + said);
                return false;
            } finally {
                kill();
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook of the writer runs
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void await(BlockingQueue<String> lines, String expected, List<String> said, Process writer) throws InterruptedException {
        while (true) {
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null) {
                fail("the writer did not say " + expected + " (alive: " + writer.isAlive() + "): " + said);
            }
            said.add(line);
            if (line.equals(expected)) {
                return;
            }
        }
    }

    /** Each object as "email nick". */
    private static Set<String> states(LoginDao logins) {
        Set<String> states = new TreeSet<>();
        for (Login l : logins.query().list()) {
            states.add(l.email() + " " + l.nick());
        }
        return states;
    }

    /**
     * No value is given twice and every object is found by its values; no claim outlives its
     * deadline; once the deadlines have passed, each value goes to its next writer exactly when no
     * object has it, and no claim is left.
     */
    private void assertResolvable(LoginDao logins, String at) {
        assertEveryValueUniqueAndFound(logins, at);
        long latest = System.currentTimeMillis() + LONGEST_CLAIM_MILLIS;
        for (String claim : claims()) {
            String[] holder = raw(jedis -> jedis.get(claim)).split(" ");
            assertTrue(Long.parseLong(holder[1]) <= latest, at + ": " + claim + " holds until " + holder[1] + ", past " + latest);
            // what the deadline and its grace would do in time, done now
            raw(jedis -> jedis.set(claim, holder[0] + " " + (System.currentTimeMillis() - 60_000) + " " + holder[2]));
        }
        for (String email : List.of(OLD_EMAIL, NEW_EMAIL)) {
            take(logins, email, logins.getByEmail(email).orElse(null), new Login(null, email, "taker " + email, "DE", 0), at);
        }
        take(logins, NICK, logins.getByNick(NICK).orElse(null), new Login(null, "taker-" + NICK + "@t", NICK, "DE", 0), at);
        assertEveryValueUniqueAndFound(logins, at);
        assertEquals(List.of(), claims(), at + ": every claim was resolved");
    }

    /** A new object with the value is saved if no object had it, else refused naming the one that has it. */
    private static void take(LoginDao logins, String value, Login holder, Login taker, String at) {
        try {
            Login saved = logins.save(taker);
            assertNull(holder, at + ": " + value + " was given to " + saved.id() + " though " + holder + " has it");
        } catch (UniqueViolationException e) {
            assertTrue(holder != null, at + ": " + value + " refused though no object has it: " + e.getMessage());
            assertEquals(holder.id(), e.holderId(), at + ": " + value);
        }
    }

    private static void assertEveryValueUniqueAndFound(LoginDao logins, String at) {
        Map<String, Login> byEmail = new HashMap<>();
        Map<String, Login> byNick = new HashMap<>();
        for (Login l : logins.query().list()) {
            assertNull(byEmail.put(l.email(), l), at + ": two objects have " + l.email());
            assertNull(byNick.put(l.nick(), l), at + ": two objects have " + l.nick());
            assertEquals(l, logins.getByEmail(l.email()).orElse(null), at + ": " + l.email());
            assertEquals(l, logins.getByNick(l.nick()).orElse(null), at + ": " + l.nick());
        }
    }

    private List<String> claims() {
        return keys().stream().filter(k -> k.contains(":claim:")).toList();
    }

    /**
     * The writer: connects (with a store of its own, so that the first call of each script sends
     * its text: every step is one command), says "ready", waits for "go" and the existing object's
     * id and version if any, runs its operation and says "done".
     */
    public static void main(String[] args) throws Exception {
        try (RedisStore store = RedisStore.connect(args[0])) {
            LoginDao logins = new LoginDao(store);
            logins.schemaVersion(); // the DAO's first call reads the stored schema (and this one records it): not a step
            Operation operation = Operation.valueOf(args[1]);
            System.out.println("ready");
            String[] go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine().split(" ");
            try {
                switch (operation) {
                    case CREATE, REFUSED -> logins.save(new Login(null, NEW_EMAIL, NICK, "DE", 0));
                    case CHANGE -> logins.save(new Login(Long.parseLong(go[1]), NEW_EMAIL, NICK, "DE", Long.parseLong(go[2])));
                    case DELETE -> logins.delete(Long.parseLong(go[1]));
                }
            } catch (UniqueViolationException refused) {
                if (operation != Operation.REFUSED) {
                    throw refused;
                }
            } catch (RedaoException e) {
                System.out.println("failed: " + e);
                throw e;
            }
            System.out.println("done");
        }
    }
}
