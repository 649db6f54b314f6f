package com.example.config;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.metrics.RedaoObserver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MeteredStoreConfiguration {
    /** A store of your own, reporting to the observer the starter bound to the registry. */
    @Bean(destroyMethod = "close")
    RedisStore redisStore(@Value("${shop.redis-url}") String url, ObjectProvider<RedaoObserver> observer) {
        return RedisStore.connect(url, RedisStore.Options.defaults().observer(observer.getIfUnique()));
    }
}
