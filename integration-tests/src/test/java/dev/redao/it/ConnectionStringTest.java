package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.RedisUrl;
import org.junit.jupiter.api.Test;

/** Connection strings as in python-stdnet (no Redis needed). */
class ConnectionStringTest {

    @Test
    void defaults() {
        RedisUrl url = RedisUrl.parse("redis://");
        assertFalse(url.tls());
        assertEquals("127.0.0.1", url.host());
        assertEquals(6379, url.port());
        assertNull(url.user());
        assertNull(url.password());
        assertEquals(0, url.database());
        assertEquals("", url.namespace());
        assertEquals(5000, url.timeoutMillis());
        assertEquals(16, url.poolSize());
        assertEquals("127.0.0.1:6379", url.address());
    }

    @Test
    void everyPart() {
        RedisUrl url = RedisUrl.parse("redis://ann:p%40ss%3Aword@redis.example.com:6380?db=3&namespace=test.&timeout=2.5&pool=4");
        assertEquals("ann", url.user());
        assertEquals("p@ss:word", url.password());
        assertEquals("redis.example.com", url.host());
        assertEquals(6380, url.port());
        assertEquals(3, url.database());
        assertEquals("test.", url.namespace());
        assertEquals(2500, url.timeoutMillis());
        assertEquals(4, url.poolSize());
        assertFalse(url.toString().contains("p@ss"), url.toString());
        assertTrue(url.toString().startsWith("redis://ann@redis.example.com:6380"), url.toString());
    }

    @Test
    void passwordForms() {
        assertEquals("secret", RedisUrl.parse("redis://:secret@host").password());
        assertNull(RedisUrl.parse("redis://:secret@host").user());
        assertEquals("secret", RedisUrl.parse("redis://secret@host").password(), "as redis-cli reads it");
        RedisUrl params = RedisUrl.parse("redis://host:7000?password=bla&user=bob");
        assertEquals("bla", params.password());
        assertEquals("bob", params.user());
        assertEquals("host", params.host());
        assertEquals("x y", RedisUrl.parse("redis://host?password=x%20y").password());
    }

    @Test
    void databaseFromPathOrParameter() {
        assertEquals(4, RedisUrl.parse("redis://host/4").database());
        assertEquals(5, RedisUrl.parse("redis://host:1/4?db=5").database());
        assertEquals(15, RedisUrl.parse("redis://host?db=15").database());
    }

    @Test
    void tlsAndIpv6() {
        RedisUrl tls = RedisUrl.parse("rediss://cache:6380?namespace=app.");
        assertTrue(tls.tls());
        assertTrue(tls.toString().startsWith("rediss://"), tls.toString());
        RedisUrl v6 = RedisUrl.parse("redis://[::1]:6390");
        assertEquals("::1", v6.host());
        assertEquals(6390, v6.port());
        assertEquals("[::1]:6390", v6.address());
    }

    @Test
    void errors() {
        assertMessage("unknown Redis URL parameter 'foo'", "redis://host?foo=1");
        assertMessage("unknown Redis URL parameter 'database'", "redis://host?database=1");
        assertMessage("redis:// or rediss://", "http://host");
        assertMessage("empty", "");
        assertMessage("port", "redis://host:abc");
        assertMessage("port out of range", "redis://host:0");
        assertMessage("port out of range", "redis://host:70000");
        assertMessage("db", "redis://host?db=x");
        assertMessage("db must not be negative", "redis://host?db=-1");
        assertMessage("pool must be at least 1", "redis://host?pool=0");
        assertMessage("timeout", "redis://host?timeout=soon");
        assertMessage("namespace", "redis://host?namespace=a:b");
        assertMessage("namespace", "redis://host?namespace=%7Bx%7D");
        assertMessage("namespace", "redis://host?namespace=a%20b");
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(null));
    }

    private static void assertMessage(String part, String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(url), url);
        assertTrue(e.getMessage().contains(part), url + " -> " + e.getMessage());
    }
}
