package dev.redao.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.RedisStore;
import dev.redao.test.model.Member;
import dev.redao.test.model.MemberDao;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What {@link RedaoTest} gives a test class, on the server found the usual way: a store in a
 * namespace of each test's own, shared by the test and its {@code @BeforeEach} and {@code @AfterEach}
 * methods, and emptied after the test. The tests run in order, so that a later one can look at
 * what an earlier one left.
 */
@RedaoTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedaoExtensionTest {
    /** The namespace of a test that wrote keys, for the next test to find empty. */
    private static TestNamespace written;
    private static final Set<String> REPEATED = ConcurrentHashMap.newKeySet();

    private RedisStore beforeEach;

    @BeforeEach
    void takeTheStore(RedisStore store) {
        beforeEach = store;
    }

    @AfterEach
    void theStoreIsStillOpenInAfterEach(RedisStore store, TestNamespace namespace) {
        assertSame(beforeEach, store);
        assertEquals(namespace.name(), store.namespace());
    }

    /** Writes keys of a model and of the keyspace tools, and says how many. */
    private static long write(RedisStore store) {
        new MemberDao(store).saveAll(List.of(
                new Member(null, "ann@x", "ann", "DE", 31, "Ann"),
                new Member(null, "bob@x", "bob", "FR", 42, "Bob")));
        store.execute(jedis -> jedis.set(store.keyspace().key("plain"), "1"));
        return store.keyspace().countPattern("*");
    }

    private static long keysIn(TestNamespace namespace) {
        try (RedisStore look = RedisStore.connect(namespace.url())) {
            return look.keyspace().countPattern("*");
        }
    }

    @Test
    @Order(1)
    void aTestAndItsBeforeEachShareAStoreInANamespaceOfTheirOwn(RedisStore store, TestNamespace namespace) {
        assertSame(beforeEach, store);
        assertEquals(namespace.name(), store.namespace());
        assertTrue(namespace.name().startsWith("redao-test-"), namespace.name());
        assertEquals(namespace.serverUrl() + "?namespace=" + namespace.name(), namespace.url());
        assertEquals(0, store.keyspace().countPattern("*"), "a new namespace is empty");
        assertTrue(write(store) > 5, "the model's keys and a plain key");
        written = namespace;
    }

    @Test
    @Order(2)
    void theNextTestHasAnotherNamespaceOnTheSameServerAndTheFirstIsEmptied(TestNamespace namespace) {
        assertNotNull(written, "the first test ran");
        assertNotEquals(written.name(), namespace.name());
        assertEquals(written.serverUrl(), namespace.serverUrl(), "tests with the same settings share the server");
        assertEquals(0, keysIn(written));
    }

    @Test
    @Order(3)
    void aTestThatClosesItsStore(RedisStore store, TestNamespace namespace) {
        write(store);
        store.close();
        written = namespace;
        beforeEach = store;
    }

    @Test
    @Order(4)
    void hasItsNamespaceEmptiedAllTheSame() {
        assertEquals(0, keysIn(written));
    }

    @RepeatedTest(3)
    @Order(5)
    void eachRepetitionHasANamespaceOfItsOwn(TestNamespace namespace) {
        assertTrue(REPEATED.add(namespace.name()), "a namespace used twice: " + namespace.name());
    }

    @Test
    @Order(6)
    void aTestThatTakesNoStoreNeedsNoNamespace() {
        assertEquals(3, REPEATED.size());
    }

    @Test
    @Order(7)
    void theServerIsTheOneFoundTheUsualWay(RedisStore store, TestNamespace namespace) {
        String configured = System.getProperty("redao.redis.url", System.getenv("REDIS_URL"));
        if (configured != null && !configured.isBlank()) {
            assertEquals(configured.strip(), namespace.serverUrl());
        } else {
            assertTrue(namespace.serverUrl().startsWith("redis://127.0.0.1:"), namespace.serverUrl());
        }
        if ("embedded".equals(System.getProperty("redao.redis.server")) && configured == null) {
            assertTrue(store.serverInfo().version().startsWith("6.2."), store.serverInfo().version());
        }
    }

    /** A nested class takes the enclosing class's annotation: its tests run the same way. */
    @Nested
    class Inner {
        @Test
        void getsAStoreToo(RedisStore store, TestNamespace namespace) {
            assertEquals(namespace.name(), store.namespace());
            assertEquals(written.serverUrl(), namespace.serverUrl());
        }
    }
}
