package dev.redao.testsupport;

import static dev.redao.testsupport.Testing.ping;
import static dev.redao.testsupport.Testing.config;
import static dev.redao.testsupport.Testing.infoServer;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.testsupport.LocalRedis.Source;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

class LocalRedisTest {

    private static final Optional<Path> ON_PATH = RedisBinaries.findOnPath();

    @Test
    void startGivesAServerThatAnswersPingAndReportsItsVersion() throws Exception {
        try (LocalRedis redis = LocalRedis.start()) {
            assertEquals("PONG", ping(redis));
            assertTrue(redis.version().matches("\\d+\\.\\d+\\.\\d+"), redis.version());
            assertEquals(infoServer(redis).get("redis_version"), redis.version());
            assertEquals(expectedDefaultSource(), redis.source());
            if (redis.source() != Source.ENV) {
                assertEquals("redis://127.0.0.1:" + redis.port(), redis.url());
                assertEquals("127.0.0.1", redis.host());
            }
        }
    }

    @Test
    void startEmbeddedRunsTheBinaryFromTheEmbeddedRedisJar() throws Exception {
        try (LocalRedis redis = LocalRedis.startEmbedded()) {
            Path executable = Path.of(infoServer(redis).get("executable"));

            assertEquals(Source.EMBEDDED, redis.source());
            assertEquals("PONG", ping(redis));
            assertTrue(Files.isSameFile(RedisBinaries.embedded(), executable), executable::toString);
            assertNotEquals(Path.of("/usr/bin/redis-server"), executable);
            if (ON_PATH.isPresent()) {
                assertFalse(Files.isSameFile(ON_PATH.get(), executable));
            }
            assertEquals(Testing.versionPrintedBy(RedisBinaries.embedded()), redis.version());
        }
    }

    @Test
    void startFromPathRunsRedisServerFromThePath() throws Exception {
        assumeTrue(ON_PATH.isPresent(), "redis-server is not installed");
        try (LocalRedis redis = LocalRedis.startFromPath()) {
            Path executable = Path.of(infoServer(redis).get("executable"));

            assertEquals(Source.PATH, redis.source());
            assertEquals("PONG", ping(redis));
            assertTrue(Files.isSameFile(ON_PATH.get(), executable), executable::toString);
            assertEquals(Testing.versionPrintedBy(ON_PATH.get()), redis.version());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"PATH", "EMBEDDED"})
    void startedServersAreLoopbackOnlyWithoutPersistenceInAFreshDirectory(Source source) throws Exception {
        try (LocalRedis redis = startFrom(source)) {
            Path dir = Path.of(config(redis, "dir"));
            assertAll(
                    () -> assertEquals("127.0.0.1", config(redis, "bind")),
                    () -> assertEquals(Integer.toString(redis.port()), config(redis, "port")),
                    () -> assertNotEquals(6379, redis.port()),
                    () -> assertEquals("", config(redis, "save")),
                    () -> assertEquals("no", config(redis, "appendonly")),
                    () -> assertEquals("no", config(redis, "daemonize")),
                    () -> assertTrue(dir.getFileName().toString().startsWith("redao-redis-"), dir::toString),
                    () -> assertTrue(Files.isDirectory(dir)));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"PATH", "EMBEDDED"})
    void closeStopsTheServerDeletesItsDirectoryAndCanBeRepeated(Source source) throws Exception {
        LocalRedis redis = startFrom(source);
        int port = redis.port();
        Path dir = Path.of(config(redis, "dir"));
        try (Jedis jedis = redis.connectRaw()) {
            jedis.set("k", "v");
        }

        redis.close();

        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        assertFalse(Files.exists(dir), dir + " still exists");
        assertDoesNotThrow(redis::close);
    }

    /** Whatever REDIS_URL says: a test that reconfigures its server must never get someone else's. */
    @Test
    void startOwnLaunchesAServerEvenWhenAUrlIsConfigured() throws Exception {
        try (LocalRedis server = LocalRedis.startEmbedded()) {
            String previous = System.setProperty(LocalRedis.URL_PROPERTY, server.url());
            try (LocalRedis own = LocalRedis.startOwn()) {
                assertNotEquals(Source.ENV, own.source());
                assertNotEquals(server.port(), own.port());
                assertEquals(ON_PATH.isPresent() && !"embedded".equals(System.getProperty(LocalRedis.SERVER_PROPERTY))
                        ? Source.PATH : Source.EMBEDDED, own.source());
                assertEquals("PONG", ping(own));
            } finally {
                if (previous == null) {
                    System.clearProperty(LocalRedis.URL_PROPERTY);
                } else {
                    System.setProperty(LocalRedis.URL_PROPERTY, previous);
                }
            }
        }
    }

    /** kill() is a SIGKILL; restart() brings the server back on its port, with what it had persisted and its arguments. */
    @Test
    void startOwnTakesArgumentsAndAKilledServerRestartsWithWhatItPersisted() throws Exception {
        try (LocalRedis aof = LocalRedis.startOwn("--appendonly", "yes", "--appendfsync", "always");
                LocalRedis plain = LocalRedis.startOwn()) {
            assertEquals("always", config(aof, "appendfsync"));
            String pid = infoServer(aof).get("process_id");
            for (LocalRedis redis : new LocalRedis[] {aof, plain}) {
                try (Jedis jedis = redis.connectRaw()) {
                    jedis.set("k", "v");
                }
                redis.kill();
                assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", redis.port()).close());
                redis.restart();
            }
            assertNotEquals(pid, infoServer(aof).get("process_id"));
            assertEquals("yes", config(aof, "appendonly"));
            try (Jedis a = aof.connectRaw(); Jedis p = plain.connectRaw()) {
                assertEquals("v", a.get("k"), "the AOF was loaded again");
                assertNull(p.get("k"), "nothing persisted");
            }
            assertThrows(IllegalStateException.class, aof::restart, "it runs");
        }
        assertThrows(IllegalStateException.class, () -> LocalRedis.shared().kill());
    }

    @Test
    void twoServersRunSideBySide() throws Exception {
        try (LocalRedis a = LocalRedis.startEmbedded(); LocalRedis b = LocalRedis.startEmbedded()) {
            assertNotEquals(a.port(), b.port());
            try (Jedis jedisA = a.connectRaw(); Jedis jedisB = b.connectRaw()) {
                jedisA.set("where", "a");
                assertNull(jedisB.get("where"));
            }
        }
    }

    @Test
    void anExistingServerIsUsedAsGivenAndNeverStopped() throws Exception {
        try (LocalRedis server = LocalRedis.startEmbedded()) {
            String given = "redis://localhost:" + server.port() + "/0";

            LocalRedis env = LocalRedis.connect(given, false);
            assertAll(
                    () -> assertEquals(Source.ENV, env.source()),
                    () -> assertEquals(given, env.url()),
                    () -> assertEquals("localhost", env.host()),
                    () -> assertEquals(server.port(), env.port()),
                    () -> assertEquals(server.version(), env.version()));
            env.close();

            assertEquals("PONG", ping(server));
            String fromAnEnvFile = "  redis://127.0.0.1:" + server.port() + "\n";
            assertEquals(fromAnEnvFile.strip(), LocalRedis.connect(fromAnEnvFile, false).url());
        }
    }

    @Test
    void passwordsInTheUrlAreUsedAndAWrongOneFailsFast() throws Exception {
        int port;
        try (LocalRedis server = LocalRedis.startEmbedded()) {
            port = server.port();
            try (Jedis jedis = server.connectRaw()) {
                jedis.configSet("requirepass", "s3cret");
            }
            String base = "127.0.0.1:" + server.port();

            assertEquals(server.version(), LocalRedis.connect("redis://:s3cret@" + base, false).version());
            assertEquals(server.version(), LocalRedis.connect("redis://default:s3cret@" + base + "?db=2", false).version());
            // RedisStore's grammar, as redis-cli reads it: a user name alone is a password
            assertEquals(server.version(), LocalRedis.connect("redis://s3cret@" + base, false).version());

            long started = System.nanoTime();
            IllegalStateException wrong = assertThrows(IllegalStateException.class,
                    () -> LocalRedis.connect("redis://:nope@" + base, false));
            assertTrue(wrong.getMessage().contains("WRONGPASS") || wrong.getMessage().contains("invalid password"),
                    wrong.getMessage());
            assertFalse(wrong.getMessage().contains("nope"), "password leaked: " + wrong.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "retried a hopeless login");
        }
        // close() could not SHUTDOWN without the password, so it had to fall back to killing the process
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void sharedIsOneServerThatSurvivesClose() throws Exception {
        LocalRedis shared = LocalRedis.shared();
        assertSame(shared, LocalRedis.shared());

        shared.close();

        assertEquals("PONG", ping(shared));
        assertSame(shared, LocalRedis.shared());
    }

    private static LocalRedis startFrom(Source source) {
        if (source == Source.PATH) {
            assumeTrue(ON_PATH.isPresent(), "redis-server is not installed");
            return LocalRedis.startFromPath();
        }
        return LocalRedis.startEmbedded();
    }

    private static Source expectedDefaultSource() {
        String property = System.getProperty(LocalRedis.URL_PROPERTY);
        String env = System.getenv(LocalRedis.URL_ENV);
        if ((property != null && !property.isBlank()) || (env != null && !env.isBlank())) {
            return Source.ENV;
        }
        if ("embedded".equals(System.getProperty(LocalRedis.SERVER_PROPERTY))) {
            return Source.EMBEDDED;
        }
        return ON_PATH.isPresent() ? Source.PATH : Source.EMBEDDED;
    }
}
