package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.tools.RedisInfo;
import dev.redao.testsupport.LocalRedis;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void theStoreRunsOnTheDeploymentItWasAskedFor() {
        RedisUrl.Kind expected = switch (TestServers.DEPLOYMENT) {
            case SERVER -> RedisUrl.Kind.SERVER;
            case CLUSTER -> RedisUrl.Kind.CLUSTER;
            case SENTINEL -> RedisUrl.Kind.SENTINEL;
        };
        assertEquals(expected, store.url().kind());
        RedisInfo info = store.serverInfo();
        assertEquals(TestServers.dataServers().stream().map(Object::toString).toList(), List.copyOf(info.servers().keySet()),
                "the store's data servers are the deployment's");
        boolean clusterNodes = info.servers().values().stream().allMatch(s -> "1".equals(s.raw().get("cluster_enabled")));
        assertEquals(TestServers.DEPLOYMENT == TestServers.Deployment.CLUSTER, clusterNodes);
        assertEquals(TestServers.DEPLOYMENT == TestServers.Deployment.CLUSTER ? 3 : 1, info.servers().size());
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
