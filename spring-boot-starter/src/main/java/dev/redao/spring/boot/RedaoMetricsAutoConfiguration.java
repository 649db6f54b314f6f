package dev.redao.spring.boot;

import dev.redao.micrometer.MicrometerObserver;
import dev.redao.runtime.metrics.RedaoObserver;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The store's metrics in the application's Micrometer registry, when {@code redao-micrometer} is on
 * the class path and the context has a {@link MeterRegistry} (Spring Boot's actuator makes one):
 * a {@link MicrometerObserver} bean, which {@link RedaoAutoConfiguration} attaches to the store it
 * builds. An application that defines a {@link RedaoObserver} of its own keeps it;
 * {@code redao.metrics.enabled=false} binds nothing.
 *
 * <p>It runs after Spring Boot's registry auto-configuration, so that the registry is known when
 * its condition is checked, and before {@link RedaoAutoConfiguration}, which reads the observer.
 */
@AutoConfiguration(
        before = RedaoAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({MeterRegistry.class, MicrometerObserver.class})
@ConditionalOnBooleanProperty(name = "redao.metrics.enabled", matchIfMissing = true)
public final class RedaoMetricsAutoConfiguration {

    RedaoMetricsAutoConfiguration() {}

    /**
     * The observer that records the store's operations, retries, lost connections and pool in the
     * registry; the registry's own common tags and filters apply to its meters.
     *
     * @param registry the context's registry (its primary one when it has several)
     * @return the observer
     */
    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean(RedaoObserver.class)
    public MicrometerObserver redaoMicrometerObserver(MeterRegistry registry) {
        return MicrometerObserver.bind(registry);
    }
}
