package dev.redao.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.RedisStore;
import dev.redao.testsupport.LocalRedis;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The settings of the extension: another binary, the embedded one, keyspace notifications. */
class ServerSettingsTest {

    private static Set<Character> flags(RedisStore store) {
        Map<String, String> config = store.execute(jedis -> jedis.configGet("notify-keyspace-events"));
        return config.get("notify-keyspace-events").chars().mapToObj(c -> (char) c).collect(Collectors.toSet());
    }

    @Nested
    class EmbeddedServer {
        @RegisterExtension
        static final RedaoExtension REDIS = RedaoExtension.builder().embeddedServer().build();

        @Test
        void isRedis62EvenWhereRedisIsInstalled(RedisStore store, TestNamespace namespace) {
            assertTrue(store.serverInfo().version().startsWith("6.2."), store.serverInfo().version());
            assertTrue(namespace.serverUrl().startsWith("redis://127.0.0.1:"), namespace.serverUrl());
            assertEquals(namespace.name(), store.namespace());
        }
    }

    @Nested
    class AServerOfAGivenBinary {
        @RegisterExtension
        static final RedaoExtension REDIS = RedaoExtension.builder().server(LocalRedis.ownServerBinary()).build();

        @Test
        void isStartedEvenWhenRedisUrlNamesAServer(TestNamespace namespace) {
            assertTrue(namespace.serverUrl().startsWith("redis://127.0.0.1:"), namespace.serverUrl());
            assertNotEquals(System.getenv("REDIS_URL"), namespace.serverUrl());
        }
    }

    @Nested
    @RedaoTest(keyspaceEvents = "Kgx")
    class KeyspaceNotifications {
        @Test
        void theServerHasTheFlags(RedisStore store) {
            assertTrue(flags(store).containsAll(Set.of('K', 'g', 'x')), "notify-keyspace-events " + flags(store));
        }
    }

    @Nested
    class KeyspaceNotificationsFromTheBuilder {
        @RegisterExtension
        static final RedaoExtension REDIS = RedaoExtension.builder().embeddedServer().keyspaceEvents("E$").build();

        @Test
        void theServerHasTheFlags(RedisStore store) {
            assertTrue(flags(store).containsAll(Set.of('E', '$')), "notify-keyspace-events " + flags(store));
        }
    }
}
