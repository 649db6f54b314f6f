package dev.redao.spring.boot;

import dev.redao.runtime.RedisStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code redao} health indicator ({@link RedaoHealthIndicator}), when Spring Boot's health
 * support is on the class path and the context has one store; {@code management.health.redao.enabled=false}
 * turns it off.
 */
@AutoConfiguration(after = RedaoAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, RedisStore.class})
@ConditionalOnSingleCandidate(RedisStore.class)
@ConditionalOnEnabledHealthIndicator("redao")
public final class RedaoHealthContributorAutoConfiguration {

    RedaoHealthContributorAutoConfiguration() {}

    /**
     * The indicator, unless the application defines a bean of this name.
     *
     * @param store the context's store
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "redaoHealthIndicator")
    public RedaoHealthIndicator redaoHealthIndicator(RedisStore store) {
        return new RedaoHealthIndicator(store);
    }
}
