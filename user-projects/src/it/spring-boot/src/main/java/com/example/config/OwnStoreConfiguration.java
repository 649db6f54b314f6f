package com.example.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OwnStoreConfiguration {
    /** Replaces the starter's store: every DAO bean works on this one. */
    @Bean(destroyMethod = "close")
    RedisStore redisStore(@Value("${shop.redis-url}") String url) {
        ObjectMapper mapper = RedisStore.defaultObjectMapper()   // Redao's settings, then yours
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return RedisStore.connect(RedisUrl.parse(url), mapper);
    }
}
