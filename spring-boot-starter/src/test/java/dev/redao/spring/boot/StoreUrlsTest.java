package dev.redao.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.RedisUrl.Kind;
import dev.redao.runtime.RedisUrl.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The properties, bound as Spring Boot binds them, give the URL they say; every refusal names the
 * property at fault and never shows a password.
 */
class StoreUrlsTest {
    /** Every character that separates the parts of a URL. */
    private static final String PASSWORD = "p@ss/w:rd?&=+ %#,";

    @Test
    void defaultsAreSpringBootsAndRedaos() {
        RedisUrl url = url(Map.of());
        assertEquals(Kind.SERVER, url.kind());
        assertEquals(List.of(new Node("localhost", 6379)), url.nodes());
        assertEquals(0, url.database());
        assertFalse(url.tls());
        assertEquals(5000, url.timeoutMillis());
        assertEquals(16, url.poolSize());
        assertEquals("", url.namespace());
    }

    @Test
    void oneServer() {
        RedisUrl url = url(Map.of(
                "spring.data.redis.host", "redis.example",
                "spring.data.redis.port", "6380",
                "spring.data.redis.database", "3",
                "spring.data.redis.username", "app",
                "spring.data.redis.password", PASSWORD,
                "spring.data.redis.ssl.enabled", "true",
                "spring.data.redis.timeout", "1500ms",
                "redao.namespace", "shop"));
        assertEquals(RedisUrl.builder(Kind.SERVER).node("redis.example", 6380).database(3).user("app").password(PASSWORD)
                .tls(true).timeout(java.time.Duration.ofMillis(1500)).namespace("shop").build(), url);
        assertEquals(PASSWORD, url.password());
        assertFalse(url.toString().contains("p@ss"), url::toString);
    }

    @Test
    void redaosOwnSettings() {
        RedisUrl url = url(Map.of(
                "spring.data.redis.cluster.nodes", "a:7000,b:7001",
                "redao.pool", "4",
                "redao.wait-replicas", "1",
                "redao.read-from", "replica",
                "redao.auto-pipeline", "1"));
        assertEquals(4, url.poolSize());
        assertEquals(1, url.autoPipeline());
        assertEquals(1, url.waitReplicas());
        assertTrue(url.readFromReplica());
    }

    @Test
    void aSpringUrlGivesServerCredentialsDatabaseAndTls() {
        RedisUrl url = url(Map.of(
                "spring.data.redis.url", "rediss://app:p%40ss+w%2F@redis.example:6390/4",
                "spring.data.redis.host", "ignored",
                "spring.data.redis.password", "ignored"));
        assertEquals(RedisUrl.builder(Kind.SERVER).node("redis.example", 6390).database(4).user("app").password("p@ss+w/")
                .tls(true).build(), url);
        assertEquals(List.of(new Node("::1", 6379)), url(Map.of("spring.data.redis.url", "redis://[::1]")).nodes());
    }

    @Test
    void aCluster() {
        RedisUrl url = url(Map.of(
                "spring.data.redis.cluster.nodes", "a:7000, [::1]:7001",
                "spring.data.redis.password", PASSWORD));
        assertEquals(Kind.CLUSTER, url.kind());
        assertEquals(List.of(new Node("a", 7000), new Node("::1", 7001)), url.nodes());
        assertEquals(PASSWORD, url.password());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> url(Map.of(
                "spring.data.redis.cluster.nodes", "a:7000",
                "spring.data.redis.database", "2")));
        assertTrue(e.getMessage().contains("only database 0"), e::getMessage);
    }

    @Test
    void sentinelWinsOverAClusterAsInSpringBoot() {
        RedisUrl url = url(Map.of(
                "spring.data.redis.sentinel.master", "mymaster",
                "spring.data.redis.sentinel.nodes", "s1:26379,s2:26380",
                "spring.data.redis.sentinel.username", "sentinel-user",
                "spring.data.redis.sentinel.password", PASSWORD + "s",
                "spring.data.redis.cluster.nodes", "a:7000",
                "spring.data.redis.username", "app",
                "spring.data.redis.password", PASSWORD,
                "spring.data.redis.database", "2"));
        assertEquals(RedisUrl.builder(Kind.SENTINEL).node("s1", 26379).node("s2", 26380).service("mymaster")
                .sentinelUser("sentinel-user").sentinelPassword(PASSWORD + "s").user("app").password(PASSWORD).database(2)
                .build(), url);
    }

    @Test
    void redaoUrlIsTakenWholeWithRedaoNamespaceBeside() {
        RedisUrl url = url(Map.of(
                "redao.url", "redis-cluster://a:7000,b:7001?readFrom=replica",
                "redao.namespace", "shop",
                "spring.data.redis.host", "ignored"));
        assertEquals(RedisUrl.parse("redis-cluster://a:7000,b:7001?readFrom=replica&namespace=shop"), url);
        assertEquals(RedisUrl.parse("redis://h?namespace=shop"),
                url(Map.of("redao.url", "redis://h?namespace=shop", "redao.namespace", "shop")));
    }

    @Test
    void refusals() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("spring.data.redis.masterreplica.nodes", "a:6379");
        refused.put("spring.data.redis.cluster.nodes", "a");
        refused.put("spring.data.redis.sentinel.master", "mymaster");
        refused.put("spring.data.redis.sentinel.nodes", "s1:26379");
        refused.put("spring.data.redis.url", "http://u:" + PASSWORD + "@h");
        refused.put("spring.data.redis.timeout", "0s");
        refused.put("redao.url", "redis://h?namespace=other");
        refused.put("redao.pool", "0");
        refused.put("redao.namespace", "shop.");
        Map<String, String> expectedWords = Map.of(
                "spring.data.redis.masterreplica.nodes", "spring.data.redis.masterreplica",
                "spring.data.redis.cluster.nodes", "spring.data.redis.cluster.nodes",
                "spring.data.redis.sentinel.master", "spring.data.redis.sentinel.nodes is empty",
                "spring.data.redis.sentinel.nodes", "spring.data.redis.sentinel.master is not set",
                "spring.data.redis.url", "spring.data.redis.url",
                "spring.data.redis.timeout", "timeout",
                "redao.url", "redao.namespace",
                "redao.pool", "pool",
                "redao.namespace", "namespace");
        for (Map.Entry<String, String> e : refused.entrySet()) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("spring.data.redis.password", PASSWORD);
            properties.put(e.getKey(), e.getValue());
            if (e.getKey().equals("redao.url")) {
                properties.put("redao.namespace", "shop");
            }
            ConfigurationException thrown = assertThrows(ConfigurationException.class, () -> url(properties), e::getKey);
            assertTrue(thrown.getMessage().contains(expectedWords.get(e.getKey())), thrown::getMessage);
            assertFalse(thrown.getMessage().contains("p@ss"), thrown::getMessage);
        }
        ConfigurationException besideUrl = assertThrows(ConfigurationException.class,
                () -> url(Map.of("redao.url", "redis://h", "redao.wait-replicas", "1")));
        assertTrue(besideUrl.getMessage().contains("redao.wait-replicas is set with redao.url"), besideUrl::getMessage);
        ConfigurationException badRedaoUrl = assertThrows(ConfigurationException.class,
                () -> url(Map.of("redao.url", "redis://u:" + PASSWORD + "@h")));
        assertTrue(badRedaoUrl.getMessage().startsWith("redao.url: "), badRedaoUrl::getMessage);
        assertFalse(badRedaoUrl.getMessage().contains("p@ss"), badRedaoUrl::getMessage);
    }

    /** The URL the properties give, bound as the auto-configuration binds them. */
    static RedisUrl url(Map<String, String> properties) {
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        RedaoProperties redao = binder.bindOrCreate("redao", RedaoProperties.class);
        RedisConnectionProperties redis = binder.bindOrCreate("spring.data.redis", RedisConnectionProperties.class);
        return StoreUrls.from(redao, redis);
    }
}
