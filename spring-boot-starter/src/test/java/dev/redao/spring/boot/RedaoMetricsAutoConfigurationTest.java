package dev.redao.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.micrometer.MicrometerObserver;
import dev.redao.runtime.metrics.Operation;
import dev.redao.runtime.metrics.Outcome;
import dev.redao.runtime.metrics.RedaoObserver;
import dev.redao.spring.boot.notes.Note;
import dev.redao.spring.boot.notes.NoteDao;
import dev.redao.testsupport.LocalRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter binds the store's metrics to the context's Micrometer registry: the save of a DAO bean
 * shows in the registry's {@code redao.operation} timer and the pool gauges are there; nothing is
 * bound without a registry, without {@code redao-micrometer}, or with
 * {@code redao.metrics.enabled=false}; an observer of the application's own is kept.
 */
class RedaoMetricsAutoConfigurationTest {
    private static LocalRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.startOwn();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedaoMetricsAutoConfiguration.class, RedaoAutoConfiguration.class))
                .withPropertyValues(
                        "spring.data.redis.host=" + redis.host(),
                        "spring.data.redis.port=" + redis.port(),
                        "spring.data.redis.timeout=2s",
                        "redao.namespace=starter-metrics-test");
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        SimpleMeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }

    /** An observer of the application's own, which keeps what it heard. */
    static final class Recording implements RedaoObserver {
        final List<String> heard = new CopyOnWriteArrayList<>();

        @Override
        public void operation(String model, Operation operation, Outcome outcome, long nanos) {
            heard.add(model + " " + operation + " " + outcome);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnObserver {
        @Bean
        Recording recording() {
            return new Recording();
        }
    }

    private static void saveAndDelete(NoteDao notes) {
        Note saved = notes.save(new Note(null, "metrics", "counted"));
        notes.delete(saved.id());
    }

    @Test
    void aSaveThroughADaoBeanIsTimedInTheContextsRegistry() {
        runner().withUserConfiguration(Registry.class).run(context -> {
            assertNull(context.getStartupFailure());
            assertNotNull(context.getBean(MicrometerObserver.class));
            saveAndDelete(context.getBean(NoteDao.class));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Timer saves = registry.find(MicrometerObserver.OPERATION)
                    .tags("model", "note", "operation", "save", "outcome", "ok").timer();
            assertNotNull(saves, "no save timer in " + registry.getMeters());
            assertEquals(1, saves.count());
            Timer deletes = registry.find(MicrometerObserver.OPERATION)
                    .tags("model", "note", "operation", "delete", "outcome", "ok").timer();
            assertNotNull(deletes);
            assertEquals(1, deletes.count());
            // the store's pool: one connection, idle again
            assertEquals(0.0, registry.get(MicrometerObserver.POOL_ACTIVE).gauge().value());
            assertTrue(registry.get(MicrometerObserver.POOL_IDLE).gauge().value() >= 1.0);
        });
    }

    @Test
    void withoutARegistryNothingIsBound() {
        runner().run(context -> {
            assertNull(context.getStartupFailure());
            assertFalse(context.containsBean("redaoMicrometerObserver"));
            assertTrue(context.getBeansOfType(RedaoObserver.class).isEmpty());
            saveAndDelete(context.getBean(NoteDao.class));
        });
    }

    @Test
    void withoutRedaoMicrometerNothingIsBound() {
        runner().withUserConfiguration(Registry.class)
                .withClassLoader(new FilteredClassLoader(MicrometerObserver.class))
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    assertTrue(context.getBeansOfType(RedaoObserver.class).isEmpty());
                    saveAndDelete(context.getBean(NoteDao.class));
                    assertTrue(context.getBean(MeterRegistry.class).find(MicrometerObserver.OPERATION).meters().isEmpty());
                });
    }

    @Test
    void thePropertyTurnsTheBindingOff() {
        runner().withUserConfiguration(Registry.class).withPropertyValues("redao.metrics.enabled=false").run(context -> {
            assertNull(context.getStartupFailure());
            assertTrue(context.getBeansOfType(RedaoObserver.class).isEmpty());
            saveAndDelete(context.getBean(NoteDao.class));
            assertTrue(context.getBean(MeterRegistry.class).find(MicrometerObserver.OPERATION).meters().isEmpty());
        });
    }

    @Test
    void anObserverOfTheApplicationsOwnIsKept() {
        runner().withUserConfiguration(Registry.class, OwnObserver.class).run(context -> {
            assertNull(context.getStartupFailure());
            assertFalse(context.containsBean("redaoMicrometerObserver"));
            saveAndDelete(context.getBean(NoteDao.class));
            assertEquals(List.of("note SAVE OK", "note DELETE OK"), context.getBean(Recording.class).heard);
            assertTrue(context.getBean(MeterRegistry.class).find(MicrometerObserver.OPERATION).meters().isEmpty());
        });
    }
}
