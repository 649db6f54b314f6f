package dev.redao.testsupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** REDIS_URL handling, tested on the parser rather than by changing the environment of the test JVM. */
class RedisUrlTest {

    @Test
    void hostAndPortWithADatabasePath() {
        RedisUrl url = RedisUrl.parse("redis://h:1234/3");
        assertAll(
                () -> assertEquals("h", url.host()),
                () -> assertEquals(1234, url.port()),
                () -> assertFalse(url.tls()),
                () -> assertNull(url.user()),
                () -> assertNull(url.password()));
    }

    @Test
    void userPasswordAndQueryAreSeparatedFromHostAndPort() {
        RedisUrl url = RedisUrl.parse("redis://user:pw@h:1234?db=2");
        assertAll(
                () -> assertEquals("h", url.host()),
                () -> assertEquals(1234, url.port()),
                () -> assertEquals("user", url.user()),
                () -> assertEquals("pw", url.password()));
    }

    @Test
    void passwordOnlyAndDefaultPort() {
        RedisUrl url = RedisUrl.parse("redis://:secret@cache.example.com");
        assertAll(
                () -> assertEquals("cache.example.com", url.host()),
                () -> assertEquals(6379, url.port()),
                () -> assertNull(url.user()),
                () -> assertEquals("secret", url.password()));
    }

    @Test
    void userWithoutColonHasNoPassword() {
        RedisUrl url = RedisUrl.parse("redis://alice@h:1");
        assertEquals("alice", url.user());
        assertNull(url.password());
    }

    @Test
    void percentEscapesAreDecodedButPlusStaysAPlus() {
        assertEquals("p@ss+w:rd", RedisUrl.parse("redis://u:p%40ss+w%3Ard@h:1").password());
    }

    @Test
    void anUnescapedAtSignBelongsToThePassword() {
        RedisUrl url = RedisUrl.parse("redis://u:p@ss@h:7000");
        assertEquals("p@ss", url.password());
        assertEquals("h", url.host());
        assertEquals(7000, url.port());
    }

    @Test
    void hostWithUnderscoreAsDockerComposeNamesThem() {
        // java.net.URI#getHost() returns null for this one
        RedisUrl url = RedisUrl.parse("redis://redis_1:6380");
        assertEquals("redis_1", url.host());
        assertEquals(6380, url.port());
    }

    @Test
    void ipv6Literal() {
        RedisUrl url = RedisUrl.parse("redis://[::1]:6390/0");
        assertEquals("::1", url.host());
        assertEquals(6390, url.port());
        assertEquals(6379, RedisUrl.parse("redis://[::1]").port());
    }

    @Test
    void redissMeansTlsAndSchemeIsCaseInsensitive() {
        assertTrue(RedisUrl.parse("rediss://h:6380").tls());
        assertFalse(RedisUrl.parse("REDIS://h").tls());
    }

    @Test
    void surroundingWhitespaceFromAnEnvFileIsIgnored() {
        assertEquals(1234, RedisUrl.parse("  redis://h:1234\n").port());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"h:6379", "http://h:6379", "redis://", "redis://:6379", "redis://u:p@/0",
            "redis://h:port", "redis://h:0", "redis://h:65536", "redis://[::1", "redis://[::1]6379"})
    void rejectsWhatIsNotARedisUrl(String text) {
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(text));
    }

    @Test
    void toStringNeverShowsThePassword() {
        String printed = RedisUrl.parse("redis://user:hunter2@h:1234?db=2").toString();
        assertFalse(printed.contains("hunter2"), printed);
        assertEquals("redis://user:***@h:1234", printed);
        assertEquals("redis://[::1]:6379", RedisUrl.parse("redis://[::1]").toString());
    }
}
