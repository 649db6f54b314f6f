package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.testsupport.LocalRedis;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The suite runs on the server it was asked for: CI runs it a second time with
 * {@code -Dredao.redis.server=embedded}, on the Redis 6.2 binary of the embedded-redis package that
 * a newcomer without Redis installed gets, and this test proves that pass did not fall back to
 * the PATH's server.
 */
class TestServerTest extends RedisTestSupport {

    @Test
    void theSuiteRunsOnTheServerItWasAskedFor() {
        LocalRedis.Source expected;
        if (System.getProperty("redao.redis.url") != null || System.getenv("REDIS_URL") != null) {
            expected = LocalRedis.Source.ENV;
        } else if ("embedded".equals(System.getProperty("redao.redis.server")) || !redisServerOnPath()) {
            expected = LocalRedis.Source.EMBEDDED;
        } else {
            expected = LocalRedis.Source.PATH;
        }
        assertEquals(expected, redis().source(), "Redis " + redis().version());
    }

    private static boolean redisServerOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }
}
