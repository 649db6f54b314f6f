package dev.redao.spring.boot;

import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * Redao's auto-configuration: the {@link RedisStore} (unless the application defines one), closed
 * with the context, and a bean for every generated DAO ({@link RedaoDaoRegistrar}). The store
 * connects when the context starts, so a server that cannot be reached fails the start.
 */
@AutoConfiguration
@ConditionalOnClass(RedisStore.class)
@EnableConfigurationProperties({RedaoProperties.class, RedisConnectionProperties.class})
public final class RedaoAutoConfiguration {

    RedaoAutoConfiguration() {}

    /**
     * The store, from the {@code spring.data.redis.*} and {@code redao.*} properties.
     *
     * @param redao Redao's own properties
     * @param redis where Redis is
     * @param sslBundles the context's SSL bundles, for {@code spring.data.redis.ssl.bundle}
     * @return the connected store
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RedisStore redisStore(RedaoProperties redao, RedisConnectionProperties redis, ObjectProvider<SslBundles> sslBundles) {
        RedisUrl url = StoreUrls.from(redao, redis);
        return RedisStore.connect(url, RedisStore.defaultObjectMapper(), tls(redis, url, sslBundles));
    }

    // ---- Metrics: not bound yet ----------------------------------------------------------------
    // The runtime's metrics SPI and the redao-micrometer module are being written. The binding of
    // the store's metrics to Micrometer goes here, as a nested configuration conditional on
    // Micrometer's MeterRegistry class and bean, and on the store bean above. docs/spring-boot.md,
    // "Metrics", says the same; this starter binds nothing until then.

    /**
     * Registers the DAO beans; static, as a registry post-processor must be.
     *
     * @return the registrar
     */
    @Bean
    public static RedaoDaoRegistrar redaoDaoRegistrar() {
        return new RedaoDaoRegistrar();
    }

    /** The socket factory of {@code spring.data.redis.ssl.bundle}; null for the JVM's default trust store. */
    private static SSLSocketFactory tls(RedisConnectionProperties redis, RedisUrl url, ObjectProvider<SslBundles> sslBundles) {
        String bundle = redis.ssl() == null ? null : redis.ssl().bundle();
        if (bundle == null || bundle.isBlank() || !url.tls()) {
            return null;
        }
        SslBundles bundles = sslBundles.getIfAvailable();
        if (bundles == null) {
            String what = "spring.data.redis.ssl.bundle names '" + bundle + "', but the context has no SSL bundles";
            throw new ConfigurationException(what, what, null);
        }
        return bundles.getBundle(bundle).createSslContext().getSocketFactory();
    }
}
