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
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The claim protocol's calls of one step go in one round trip: the claims of a save's unique
 * values, then their confirmations with the releases of the values it gave up, and a delete's
 * releases. Seen through {@link CommandStopProxy}: it lets the step's first command run and holds
 * its reply, and the client's next command of the step arrives all the same, which a client that
 * waited for each reply would never send.
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
        // 1 deletes, 2 and 3 release the email and the nick
        assertEquals(3, commandsSentWhileHeld(logins -> logins.delete(had.id()), 2, 3),
                "the nick's release was sent before the email's replied");
    }
}
