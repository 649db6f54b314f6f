package dev.redao.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.SchemaChangedException;
import dev.redao.spring.boot.notes.Note;
import dev.redao.spring.boot.notes.NoteDao;
import dev.redao.spring.boot.notes.NoteQuery;
import dev.redao.testsupport.LocalRedis;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.Jedis;

/**
 * The auto-configuration against a Redis server of the test's own, so that the connections it
 * counts are the contexts': the store, the DAO beans from the test classes' catalog, the store
 * closed with the context, a store or DAO of the application's own, and the health indicator.
 */
class RedaoAutoConfigurationTest {
    private static LocalRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.startOwn();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static ApplicationContextRunner runner(LocalRedis server) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedaoAutoConfiguration.class,
                        RedaoHealthContributorAutoConfiguration.class))
                .withPropertyValues(
                        "spring.data.redis.host=" + server.host(),
                        "spring.data.redis.port=" + server.port(),
                        "spring.data.redis.timeout=2s",
                        "redao.namespace=starter-test");
    }

    @Test
    void everyDaoIsABeanOnTheContextsStore() {
        runner(redis).run(context -> {
            assertTrue(context.getStartupFailure() == null, () -> String.valueOf(context.getStartupFailure()));
            RedisStore store = context.getBean(RedisStore.class);
            assertEquals("starter-test", store.namespace());
            NoteDao notes = context.getBean("noteDao", NoteDao.class);
            assertSame(store, notes.store());
            // so Spring destroys what uses the DAO before it closes the store
            assertTrue(List.of(context.getBeanFactory().getDependentBeans("redisStore")).contains("noteDao"));
            Note saved = notes.save(new Note(null, "spring", "saved through a bean"));
            List<Note> found = notes.query().filter(NoteQuery.topic.eq("spring")).list();
            assertEquals(List.of(saved), found);
            notes.delete(saved.id());
        });
    }

    @Test
    void aChangedSchemaIsReindexedWhenThePropertySaysSo() {
        try (RedisStore raw = RedisStore.connect(redis.url() + "?namespace=starter-schema")) {
            // notes written when topic had no index: the stored schema says so, and the index is not there
            raw.execute(jedis -> {
                jedis.hset("{starter-schema:note}:obj:1", Map.of("id", "1", "topic", "spring", "text", "old"));
                jedis.sadd("{starter-schema:note}:id", "1");
                return jedis.hset("{starter-schema:note}:schema", Map.of("version", "1", "layout",
                        "partitions 1\nordering none\nexpiring no\nid id\nfield topic\nfield text\n"));
            });
            runner(redis).withPropertyValues("redao.namespace=starter-schema").run(context -> assertThrows(
                    SchemaChangedException.class, () -> context.getBean(NoteDao.class).count(), "refused by default"));
            runner(redis).withPropertyValues("redao.namespace=starter-schema", "redao.schema-changes=reindex").run(context -> {
                NoteDao notes = context.getBean(NoteDao.class);
                assertEquals(1, notes.query().filter(NoteQuery.topic.eq("spring")).count());
                assertEquals(2, notes.schemaVersion());
            });
            raw.keyspace().deletePattern("*");
        }
    }

    @Test
    void theStoreIsClosedWithTheContext() {
        AtomicReference<RedisStore> store = new AtomicReference<>();
        runner(redis).run(context -> {
            store.set(context.getBean(RedisStore.class));
            store.get().serverInfo();
            assertTrue(redaoConnections() > 0, "the store's pool holds a connection");
        });
        assertNotNull(store.get());
        assertEquals(0, redaoConnections(), "every connection of the store is closed");
    }

    @Test
    void aStoreOfTheApplicationsOwnIsTheDaos() {
        runner(redis).withUserConfiguration(OwnStore.class).run(context -> {
            RedisStore store = context.getBean(RedisStore.class);
            assertEquals("own", store.namespace());
            assertSame(store, context.getBean(NoteDao.class).store());
        });
    }

    @Test
    void aDaoOfTheApplicationsOwnIsLeftToIt() {
        runner(redis).withUserConfiguration(OwnDao.class).run(context -> {
            Map<String, NoteDao> daos = context.getBeansOfType(NoteDao.class);
            assertEquals(List.of("myNotes"), List.copyOf(daos.keySet()));
        });
    }

    @Test
    void healthIsUpWithTheServersVersion() {
        runner(redis).run(context -> {
            Health health = context.getBean("redaoHealthIndicator", RedaoHealthIndicator.class).health();
            assertEquals(Status.UP, health.getStatus());
            assertEquals(redis.version(), health.getDetails().get("version"));
            assertEquals("starter-test", health.getDetails().get("namespace"));
        });
        runner(redis).withPropertyValues("management.health.redao.enabled=false")
                .run(context -> assertFalse(context.containsBean("redaoHealthIndicator")));
    }

    @Test
    void healthIsDownWhenTheServerIsGone() {
        try (LocalRedis doomed = LocalRedis.startOwn()) {
            runner(doomed).run(context -> {
                RedaoHealthIndicator indicator = context.getBean(RedaoHealthIndicator.class);
                assertEquals(Status.UP, indicator.health().getStatus());
                doomed.kill();
                Health health = indicator.health();
                assertEquals(Status.DOWN, health.getStatus());
                assertNotNull(health.getDetails().get("error"), health::toString);
            });
        }
    }

    @Test
    void aServerThatCannotBeReachedFailsTheStart() {
        int port;
        try (LocalRedis gone = LocalRedis.startOwn()) {
            port = gone.port();
        }
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedaoAutoConfiguration.class))
                .withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port,
                        "spring.data.redis.timeout=1s")
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    assertNotNull(failure);
                    Throwable cause = failure;
                    while (cause.getCause() != null && !(cause instanceof RedaoConnectionException)) {
                        cause = cause.getCause();
                    }
                    assertInstanceOf(RedaoConnectionException.class, cause, failure::toString);
                });
    }

    /** The connections named {@code redao}: the stores' pooled ones. */
    private static long redaoConnections() {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            return jedis.clientList().lines().filter(line -> line.contains(" name=redao ")).count();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        @Bean(destroyMethod = "close")
        RedisStore ownStore() {
            return RedisStore.connect("redis://" + redis.host() + ":" + redis.port() + "?namespace=own");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDao {
        @Bean
        NoteDao myNotes(RedisStore store) {
            return new NoteDao(store);
        }
    }
}
