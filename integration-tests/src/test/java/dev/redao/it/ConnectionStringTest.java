package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.RedisUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
        assertEquals(0, url.waitReplicas(), "writes wait for no replica");
        assertFalse(url.readFromReplica(), "reads go to the master");
        assertTrue(RedisUrl.parse("redis-cluster://host?readFrom=replica").readFromReplica());
        assertTrue(RedisUrl.parse("redis-cluster://host?readFrom=replica").toString().endsWith("&readFrom=replica"));
        assertFalse(RedisUrl.parse("redis-cluster://host?readFrom=master").readFromReplica());
        assertTrue(RedisUrl.parse("redis-sentinel://host/mymaster?readFrom=replica").readFromReplica());
        assertEquals("127.0.0.1:6379", url.address());
        assertEquals(2, url.autoPipeline(), "two pipelines of concurrent calls at once");
        assertEquals(0, RedisUrl.parse("redis://host?pool=1").autoPipeline(), "a pipeline needs two connections");
        assertEquals(1, RedisUrl.parse("redis://host?pool=3").autoPipeline());
        assertEquals(0, RedisUrl.parse("redis://host?autoPipeline=0").autoPipeline());
        assertTrue(RedisUrl.parse("redis://host?autoPipeline=0").toString().endsWith("&autoPipeline=0"));
        assertEquals(4, RedisUrl.builder(RedisUrl.Kind.SERVER).autoPipeline(4).build().autoPipeline());
    }

    @Test
    void everyPart() {
        RedisUrl url = RedisUrl.parse("redis://ann:p%40ss%3Aword@redis.example.com:6380?db=3&namespace=test&timeout=2.5&pool=4&wait=1");
        assertEquals("ann", url.user());
        assertEquals("p@ss:word", url.password());
        assertEquals("redis.example.com", url.host());
        assertEquals(6380, url.port());
        assertEquals(3, url.database());
        assertEquals("test", url.namespace());
        assertEquals(2500, url.timeoutMillis());
        assertEquals(4, url.poolSize());
        assertEquals(1, url.waitReplicas());
        assertTrue(url.toString().endsWith("&wait=1"), url.toString());
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
        assertEquals(15, RedisUrl.parse("redis://host?db=15").database());
    }

    /**
     * A setting given twice, under one name or two, is refused rather than the last one winning:
     * which one the writer meant cannot be told. No message shows a password.
     */
    @Test
    void aSettingGivenTwiceIsRefused() {
        assertMessage("parameter 'db' is given twice", "redis://h?db=1&db=1");
        assertMessage("parameter 'namespace' is given twice", "redis://h?namespace=a&namespace=b");
        assertMessage("the database is given twice: after the host (/4) and as db=5", "redis://host:1/4?db=5");
        assertMessage("the user is given twice", "redis://h?user=a&username=b");
        assertMessage("the user is given twice", "redis://ann:pw@h?user=bob");
        assertMessage("the user is given twice", "redis://ann:pw@h?username=bob");
        for (String url : List.of("redis://:hunter2@h?password=hunter3", "redis://hunter2@h?password=hunter3",
                "redis://h?password=hunter2&password=hunter3",
                "redis-sentinel://s/m?sentinelPassword=hunter2&sentinelPassword=hunter3")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> RedisUrl.parse(url), url);
            assertTrue(e.getMessage().contains("given twice"), e.getMessage());
            assertFalse(e.getMessage().contains("hunter"), e.getMessage());
        }
        assertMessage("parameter 'sentinelUser' is given twice", "redis-sentinel://s/m?sentinelUser=a&sentinelUser=b");
    }

    /** Decoded as URLEncoder encodes: a password with '+' or a space round-trips through it. */
    @Test
    void decodedAsUrlEncoderEncodes() {
        String password = "a+b c/d=";
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
        assertEquals(password, RedisUrl.parse("redis://:" + encoded + "@h").password());
        assertEquals(password, RedisUrl.parse("redis://h?password=" + encoded).password());
        assertEquals("a b", RedisUrl.parse("redis://:a+b@h").password(), "a '+' is a space");
    }

    @Test
    void tlsAndIpv6() {
        RedisUrl tls = RedisUrl.parse("rediss://cache:6380?namespace=app");
        assertTrue(tls.tls());
        assertTrue(tls.toString().startsWith("rediss://"), tls.toString());
        RedisUrl v6 = RedisUrl.parse("redis://[::1]:6390");
        assertEquals("::1", v6.host());
        assertEquals(6390, v6.port());
        assertEquals("[::1]:6390", v6.address());
    }

    @Test
    void errors() {
        assertMessage("unknown parameter 'foo'", "redis://host?foo=1");
        assertMessage("unknown parameter 'database'", "redis://host?database=1");
        assertMessage("redis://, rediss://, redis-cluster://", "http://host");
        assertMessage("empty", "");
        assertMessage("port", "redis://host:abc");
        assertMessage("out of range", "redis://host:0");
        assertMessage("out of range", "redis://host:70000");
        assertMessage("db", "redis://host?db=x");
        assertMessage("db must not be negative", "redis://host?db=-1");
        assertMessage("pool must be at least 1", "redis://host?pool=0");
        assertMessage("wait must not be negative", "redis://host?wait=-1");
        assertMessage("autoPipeline must be from 0 to half the pool size (pool=16): 9", "redis://host?autoPipeline=9");
        assertMessage("autoPipeline must be from 0 to half the pool size (pool=16): -1", "redis://host?autoPipeline=-1");
        assertMessage("autoPipeline", "redis://host?autoPipeline=many");
        assertMessage("readFrom must be master or replica, not 'slave'", "redis-cluster://host?readFrom=slave");
        assertMessage("readFrom=replica needs redis-cluster:// or redis-sentinel://", "redis://host?readFrom=replica");
        assertMessage("wait", "redis://host?wait=all");
        assertMessage("timeout", "redis://host?timeout=soon");
        assertThrows(ConfigurationException.class, () -> RedisUrl.parse(null));
    }

    /** A namespace is a name: segments of letters, digits, '_' and '-' joined by single dots. */
    @Test
    void namespaceNames() {
        for (String valid : List.of("shop", "acl.a", "t1", "t10", "tenant-7.eu", "A_b-9.x_y.Z", "_", "-")) {
            assertEquals(valid, RedisUrl.parse("redis://host?namespace=" + valid).namespace());
        }
        assertEquals("", RedisUrl.parse("redis://host?namespace=").namespace(), "empty: no namespace");
        // ':', braces and glob characters would let one namespace's keys or patterns reach another's
        for (String refused : List.of(".x", "a..b", "a:b", "a*b", "a?b", "a[b]", "a%5Cb", "%7Bx%7D", "a%20b", "a%09b",
                "a/b", "%C3%A9", ".")) {
            assertMessage("namespace", "redis://host?namespace=" + refused);
            assertMessage("letters, digits, '_' and '-'", "redis://host?namespace=" + refused);
        }
    }

    /** The old spelling with a trailing dot is refused, saying what to write instead and where migration is described. */
    @Test
    void aTrailingDotSaysThatRedaoNowAddsTheSeparator() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> RedisUrl.parse("redis://host?namespace=shop."));
        for (String part : List.of("'shop.'", "namespace=shop", "shop:", "{shop:user}", "Moving data from the old key layout")) {
            assertTrue(e.getMessage().contains(part), part + " in: " + e.getMessage());
        }
        assertThrows(ConfigurationException.class, () -> new RedisUrl(RedisUrl.Kind.SERVER, false,
                List.of(new RedisUrl.Node("host", 6379)), null, null, null, null, null, 0, "acl.", 5000, 16, 0, false, 2),
                "the record checks it too");
    }

    /** The three kinds of deployment, with their hosts, service and credentials. */
    @Test
    void clusterAndSentinelUrls() {
        RedisUrl cluster = RedisUrl.parse("redis-cluster://u:pw@10.0.0.1:7000,10.0.0.2,[::1]:7002?namespace=shop&timeout=2");
        assertEquals(RedisUrl.Kind.CLUSTER, cluster.kind());
        assertEquals(List.of(new RedisUrl.Node("10.0.0.1", 7000), new RedisUrl.Node("10.0.0.2", 6379),
                new RedisUrl.Node("::1", 7002)), cluster.nodes());
        assertEquals("u", cluster.user());
        assertEquals("pw", cluster.password());
        assertEquals("redis-cluster://u@10.0.0.1:7000,10.0.0.2:6379,[::1]:7002?db=0&namespace=shop", cluster.toString());
        assertTrue(RedisUrl.parse("rediss-cluster://h:1").tls());

        RedisUrl sentinel = RedisUrl.parse("redis-sentinel://:data@s1,s2:26380/mymaster?db=2&sentinelUser=watch&sentinelPassword=s3cret");
        assertEquals(RedisUrl.Kind.SENTINEL, sentinel.kind());
        assertEquals(List.of(new RedisUrl.Node("s1", 26379), new RedisUrl.Node("s2", 26380)), sentinel.nodes());
        assertEquals("mymaster", sentinel.service());
        assertEquals(2, sentinel.database());
        assertEquals("data", sentinel.password());
        assertEquals("watch", sentinel.sentinelUser());
        assertEquals("s3cret", sentinel.sentinelPassword());
        assertFalse(sentinel.toString().contains("s3cret") || sentinel.toString().contains("data@"), sentinel.toString());
        assertTrue(RedisUrl.parse("rediss-sentinel://s1/m").tls());
    }

    /** Each mistake gets its own message; none of them shows a password. */
    @Test
    void mixedUpUrlsAreRefusedWithoutShowingThePassword() {
        assertMessage("names one server", "redis://pw@a:1,b:2");
        assertMessage("needs the name of the service", "redis-sentinel://pw@s1:26379");
        assertMessage("belong to redis-sentinel:// URLs", "redis-cluster://h:1?db=0&sentinelPassword=x");
        assertMessage("only database 0", "redis-cluster://h:1/3");
        assertMessage("given twice", "redis://h?db=1&db=2");
        assertMessage("timeout must be from", "redis://h?timeout=0");
        assertMessage("timeout must be from", "redis://h?timeout=-1");
        assertMessage("timeout must be from", "redis://h?timeout=NaN");
        assertMessage("timeout must be from", "redis://h?timeout=1e300");
        for (String url : List.of("ftp://user:hunter2@h", "redis://user:hunter2@h:notaport", "redis://user:hunt/er2@h:x",
                "redis://u:hunter2%zz@h", "redis://user:hunter2@a,b")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> RedisUrl.parse(url), url);
            assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("hunt"), e.getMessage());
        }
        assertEquals("pa/ss@word", RedisUrl.parse("redis://u:pa/ss@word@h:6379/3").password(), "'/' and '@' in a password");
        assertEquals(3, RedisUrl.parse("redis://u:pa/ss@word@h:6379/3").database());
    }

    /**
     * A '?' in a password written as it is ends the host part early, and a '&' in a password
     * parameter starts a parameter of its own: the pieces then land where a host, a port or a
     * parameter name is expected. Each such URL is refused with a message that shows none of
     * them, and says how to write the character.
     */
    @Test
    void passwordPiecesInOtherPlacesAreNeverShown() {
        Map<String, String> urls = Map.of(
                "redis://u:hunt?er2@h:6379", "%3F",
                "redis://:hunt?er2@h", "%3F",
                "redis://hunt?er2@h/3", "%3F",
                "redis-cluster://u:hunt?er2@a:1,b:2?namespace=x", "%3F",
                "redis://h?password=hunt&er2", "%26",
                "redis://h?password=hunt&er2=x&db=1", "%26",
                "redis-sentinel://s/m?sentinelPassword=hunt&er2", "%26",
                "redis://:hunter2", "port",
                "redis://u:hunt?er&2/x@y+z@h:6379?namespace=x", "%3F");
        urls.forEach((url, hint) -> {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> RedisUrl.parse(url), url);
            assertFalse(e.getMessage().contains("hunt") || e.getMessage().contains("'er"), url + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains(hint), url + " -> " + e.getMessage());
        });
        assertEquals("hunt?er2", RedisUrl.parse("redis://u:hunt%3Fer2@h").password(), "the escaped form works");
        assertEquals("hunt&er2", RedisUrl.parse("redis://h?password=hunt%26er2").password(), "the escaped form works");
        assertEquals("p@ss", RedisUrl.parse("redis://h?user=ann&password=p@ss").password(), "'@' in a password parameter");
        assertMessage("unknown parameter 'foo'", "redis://h?db=1&foo=2");
    }

    private static void assertMessage(String part, String url) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> RedisUrl.parse(url), url);
        assertTrue(e.getMessage().contains(part), url + " -> " + e.getMessage());
    }
}
