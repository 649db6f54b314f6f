package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.MemberDao;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.messaging.KeyspaceEventsException;
import dev.redao.runtime.messaging.Subscription;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user who may not run CONFIG cannot switch keyspace notifications on: a watch then fails with
 * a typed exception that says what to configure, and changes nothing.
 */
class KeyspaceEventsAclTest extends RedisTestSupport {
    private String before;
    private String user;

    @BeforeEach
    void rememberConfig() {
        before = KeyspaceConfig.get(store);
        user = "redao-watcher-" + ns;
    }

    @AfterEach
    void restore() {
        KeyspaceConfig.set(store, before);
        everyServer(jedis -> jedis.aclDelUser(user));
    }

    private RedisStore connectAs(String... rules) {
        everyServer(jedis -> jedis.aclSetUser(user, rules));
        return RedisStore.connect(TestServers.urlAs(user, "pw") + "?namespace=" + ns);
    }

    @Test
    void withoutConfigPermissionAWatchFailsSayingWhatToSet() {
        KeyspaceConfig.set(store, "Ex");
        try (RedisStore watcher = connectAs("on", ">pw", "~*", "&*", "+@all", "-config")) {
            KeyspaceEventsException e = assertThrows(KeyspaceEventsException.class,
                    () -> watcher.watchKey("k", (key, event) -> {}));
            assertTrue(e.getMessage().contains("notify-keyspace-events"), e.getMessage());
            assertTrue(e.getMessage().contains("must include K plus the event classes 'g$lshztxe'"), e.getMessage());
            assertTrue(e.getMessage().contains("'KA'"), e.getMessage());
            assertTrue(e.getMessage().contains("NOPERM"), "Redis's own reason: " + e.getMessage());
            assertNull(e.current(), "CONFIG GET is refused too");
            assertEquals("Kg$lshztxe", e.required());

            KeyspaceEventsException onObject = assertThrows(KeyspaceEventsException.class,
                    () -> new MemberDao(watcher).watch(1L, (key, event) -> {}));
            assertEquals("Kghxe", onObject.required());
        }
        assertEquals("xE", KeyspaceConfig.get(store), "unchanged");
    }

    /** With CONFIG GET allowed but not CONFIG SET, the message names the value to set, built on the current one. */
    @Test
    void withConfigGetOnlyTheMessageSuggestsTheCurrentFlagsPlusTheMissingOnes() {
        KeyspaceConfig.set(store, "Ex");
        try (RedisStore watcher = connectAs("on", ">pw", "~*", "&*", "+@all", "-config", "+config|get")) {
            KeyspaceEventsException e = assertThrows(KeyspaceEventsException.class,
                    () -> new MemberDao(watcher).watch(1L, (key, event) -> {}));
            assertEquals("xE", e.current());
            assertTrue(e.getMessage().contains("it is 'xE'"), e.getMessage());
            assertTrue(e.getMessage().contains("CONFIG SET notify-keyspace-events xEKghe"), e.getMessage());
        }
    }

    /** Where an administrator has switched notifications on, a user without CONFIG SET can watch. */
    @Test
    void withTheFlagsSetByAnAdministratorAWatchWorks() throws InterruptedException {
        KeyspaceConfig.set(store, "KA");
        try (RedisStore watcher = connectAs("on", ">pw", "~*", "&*", "+@all", "-config", "+config|get")) {
            CountDownLatch deleted = new CountDownLatch(1);
            Subscription s = watcher.watchKey("k", (key, event) -> {
                if (event.equals("del")) {
                    deleted.countDown();
                }
            });
            raw(jedis -> jedis.set(nsKey("k"), "v"));
            raw(jedis -> jedis.del(nsKey("k")));
            assertTrue(deleted.await(10, TimeUnit.SECONDS));
            s.close();
        }
    }
}
