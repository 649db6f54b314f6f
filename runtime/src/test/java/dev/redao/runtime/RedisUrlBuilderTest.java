package dev.redao.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A URL built from its parts is the URL that the same parts written as a string parse to. */
class RedisUrlBuilderTest {
    /** Every character that separates the parts of a URL, and a space. */
    private static final String PASSWORD = "p@ss/w:rd?&=+ %#,";

    @Test
    void aServerIsTheParsedUrl() {
        RedisUrl built = RedisUrl.builder(RedisUrl.Kind.SERVER)
                .node("redis.example", 6380)
                .tls(true)
                .user("app")
                .password(PASSWORD)
                .database(3)
                .namespace("shop")
                .timeout(Duration.ofMillis(2500))
                .poolSize(4)
                .waitReplicas(1)
                .build();
        RedisUrl parsed = RedisUrl.parse("rediss://app:" + encode(PASSWORD) + "@redis.example:6380/3"
                + "?namespace=shop&timeout=2.5&pool=4&wait=1");
        assertEquals(parsed, built);
        assertEquals(PASSWORD, built.password());
        assertFalse(built.toString().contains("p@ss"), built::toString);
    }

    @Test
    void defaultsAreThoseOfParse() {
        assertEquals(RedisUrl.parse("redis://"), RedisUrl.builder(RedisUrl.Kind.SERVER).build());
        assertEquals(RedisUrl.parse("redis-sentinel:///mymaster"),
                RedisUrl.builder(RedisUrl.Kind.SENTINEL).service("mymaster").build());
    }

    @Test
    void clusterAndSentinel() {
        RedisUrl cluster = RedisUrl.builder(RedisUrl.Kind.CLUSTER).node("a", 7000).node("::1", 7001)
                .readFromReplica(true).build();
        assertEquals(RedisUrl.parse("redis-cluster://a:7000,[::1]:7001?readFrom=replica"), cluster);
        RedisUrl sentinel = RedisUrl.builder(RedisUrl.Kind.SENTINEL).node("s1", 26379).node("s2", 26380)
                .service("mymaster").user("u").password(PASSWORD).sentinelUser("su").sentinelPassword(PASSWORD)
                .database(2).build();
        assertEquals(RedisUrl.parse("redis-sentinel://u:" + encode(PASSWORD) + "@s1:26379,s2:26380/mymaster?db=2"
                + "&sentinelUser=su&sentinelPassword=" + encode(PASSWORD)), sentinel);
        assertEquals(List.of(new RedisUrl.Node("s1", 26379), new RedisUrl.Node("s2", 26380)), sentinel.nodes());
    }

    @Test
    void partsThatCannotWorkAreRefusedWithoutThePassword() {
        List<RedisUrl.Builder> wrong = List.of(
                RedisUrl.builder(RedisUrl.Kind.CLUSTER).password(PASSWORD).database(1),
                RedisUrl.builder(RedisUrl.Kind.SERVER).password(PASSWORD).node("a", 1).node("b", 2),
                RedisUrl.builder(RedisUrl.Kind.SERVER).password(PASSWORD).sentinelPassword(PASSWORD),
                RedisUrl.builder(RedisUrl.Kind.SENTINEL).password(PASSWORD),
                RedisUrl.builder(RedisUrl.Kind.SERVER).password(PASSWORD).node("a", 0),
                RedisUrl.builder(RedisUrl.Kind.SERVER).password(PASSWORD).namespace("shop."),
                RedisUrl.builder(RedisUrl.Kind.SERVER).password(PASSWORD).poolSize(0),
                RedisUrl.builder(RedisUrl.Kind.SERVER).password(PASSWORD).readFromReplica(true));
        for (RedisUrl.Builder builder : wrong) {
            ConfigurationException e = assertThrows(ConfigurationException.class, builder::build);
            assertFalse(e.getMessage().contains("p@ss"), e::getMessage);
        }
        assertThrows(ConfigurationException.class, () -> RedisUrl.builder(RedisUrl.Kind.SERVER).node("", 6379));
        assertThrows(ConfigurationException.class, () -> RedisUrl.builder(null));
        for (Duration timeout : List.of(Duration.ZERO, Duration.ofNanos(999_999), Duration.ofDays(1).plusNanos(1))) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> RedisUrl.builder(RedisUrl.Kind.SERVER).timeout(timeout));
            assertTrue(e.getMessage().contains("timeout"), e::getMessage);
        }
        assertEquals(86_400_000, RedisUrl.builder(RedisUrl.Kind.SERVER).timeout(Duration.ofDays(1)).build().timeoutMillis());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
