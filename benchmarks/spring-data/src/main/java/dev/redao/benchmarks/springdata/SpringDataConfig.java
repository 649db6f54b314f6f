package dev.redao.benchmarks.springdata;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.repository.configuration.EnableRedisRepositories;

/** Spring Data Redis's repositories, as its reference guide sets them up. */
@Configuration
@EnableRedisRepositories
class SpringDataConfig {
    @Bean
    RedisTemplate<byte[], byte[]> redisTemplate(RedisConnectionFactory connections) {
        RedisTemplate<byte[], byte[]> template = new RedisTemplate<>();
        template.setConnectionFactory(connections);
        return template;
    }
}
