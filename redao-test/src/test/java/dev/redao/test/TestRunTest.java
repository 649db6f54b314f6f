package dev.redao.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.testsupport.LocalRedis;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import redis.clients.jedis.Jedis;

/**
 * Whole test runs of classes of this test's own (static nested classes, which Surefire does not run
 * by themselves), each in a launcher of its own: what the extension starts is stopped when the run
 * ends, a server of REDIS_URL is left running with its settings as they were, and a store asked for
 * outside a test is refused with a message that says why.
 */
class TestRunTest {
    /** What the last run's test saw. */
    private static volatile TestNamespace seen;
    private static volatile String flagsSeen;

    private static TestExecutionSummary run(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(testClass))
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    private static String onlyFailure(TestExecutionSummary summary) {
        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        assertEquals(1, failures.size(), () -> "failures: " + failures);
        return failures.get(0).getException().getMessage();
    }

    @RedaoTest
    static class ServerOfItsOwn {
        @Test
        void records(TestNamespace namespace, RedisStore store) {
            seen = namespace;
            store.execute(jedis -> jedis.set(store.keyspace().key("k"), "v"));
        }
    }

    @Test
    void aServerStartedForARunIsStoppedWhenTheRunEnds() {
        seen = null;
        // a binary of our own, so that REDIS_URL plays no part
        TestExecutionSummary summary = run(GivenBinary.class);
        assertEquals(1, summary.getTestsSucceededCount(), () -> "failures: " + summary.getFailures());
        assertNotNull(seen);
        assertThrows(RedaoException.class, () -> RedisStore.connect(seen.url()).close(), "the server was stopped");
    }

    static class GivenBinary {
        @RegisterExtension
        static final RedaoExtension REDIS = RedaoExtension.builder().server(LocalRedis.ownServerBinary()).build();

        @Test
        void records(TestNamespace namespace) {
            seen = namespace;
        }
    }

    @RedaoTest(keyspaceEvents = "Kg")
    static class OnRedisUrl {
        @Test
        void records(TestNamespace namespace, RedisStore store) {
            seen = namespace;
            flagsSeen = store.execute(jedis -> jedis.configGet("notify-keyspace-events")).get("notify-keyspace-events");
            store.execute(jedis -> jedis.set(store.keyspace().key("k"), "v"));
        }
    }

    @Test
    void aServerOfRedisUrlIsUsedLeftRunningAndGetsItsSettingsBack() {
        try (LocalRedis server = LocalRedis.startOwn("--notify-keyspace-events", "x")) {
            String before = System.getProperty("redao.redis.url");
            System.setProperty("redao.redis.url", server.url());
            TestExecutionSummary summary;
            try {
                summary = run(OnRedisUrl.class);
            } finally {
                if (before == null) {
                    System.clearProperty("redao.redis.url");
                } else {
                    System.setProperty("redao.redis.url", before);
                }
            }
            assertEquals(1, summary.getTestsSucceededCount(), () -> "failures: " + summary.getFailures());
            assertEquals(server.url(), seen.serverUrl());
            assertTrue(flagsSeen.contains("K") && flagsSeen.contains("g") && flagsSeen.contains("x"),
                    "the flags asked for, added to the server's: " + flagsSeen);
            try (Jedis jedis = new Jedis(server.host(), server.port())) {
                Map<String, String> config = jedis.configGet("notify-keyspace-events");
                assertEquals("x", config.get("notify-keyspace-events"), "the server's flags are back");
                assertEquals(List.of(), List.copyOf(jedis.keys(seen.name() + ":*")), "the test's namespace was emptied");
            }
        }
    }

    @RedaoTest
    static class StoreInBeforeAll {
        @BeforeAll
        static void setUp(RedisStore store) {
            store.keyspace();
        }

        @Test
        void never() {}
    }

    @Test
    void aStoreOutsideATestIsRefusedSayingWhy() {
        String message = onlyFailure(run(StoreInBeforeAll.class));
        assertTrue(message.startsWith("RedaoExtension gives a RedisStore to test methods and their @BeforeEach and @AfterEach"
                + " methods only, since each test has a namespace of its own; "), message);
        assertTrue(message.contains("setUp"), message);
    }

    static class NoSuchBinary {
        @RegisterExtension
        static final RedaoExtension REDIS = RedaoExtension.builder().server(Path.of("/no/such/redis-server")).build();

        @Test
        void never(RedisStore store) {
            store.keyspace();
        }
    }

    @Test
    void aServerThatCannotStartFailsTheTestSayingWhy() {
        String message = onlyFailure(run(NoSuchBinary.class));
        assertTrue(message.contains("No executable redis-server at /no/such/redis-server"), message);
    }
}
