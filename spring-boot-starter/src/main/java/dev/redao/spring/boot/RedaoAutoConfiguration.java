package dev.redao.spring.boot;

import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.metrics.RedaoObserver;
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
 * connects when the context starts, so a server that cannot be reached fails the start. The
 * context's {@link RedaoObserver}, when it has exactly one, hears of the store's operations: the
 * Micrometer one of {@link RedaoMetricsAutoConfiguration}, or the application's own.
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
     * @param observer the context's observer of the store, if it has one
     * @return the connected store
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RedisStore redisStore(RedaoProperties redao, RedisConnectionProperties redis, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<RedaoObserver> observer) {
        RedisUrl url = StoreUrls.from(redao, redis);
        RedisStore.Options options = RedisStore.Options.defaults()
                .tls(tls(redis, url, sslBundles))
                .observer(observer.getIfUnique());
        if (redao.schemaChanges() != null) {
            options = options.schemaChanges(redao.schemaChanges());
        }
        return RedisStore.connect(url, options);
    }

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
