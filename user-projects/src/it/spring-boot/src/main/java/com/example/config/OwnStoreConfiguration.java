package com.example.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return RedisStore.connect(RedisUrl.parse(url), mapper);
    }
}
