package dev.redao.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** Start-up failures: what the caller learns, and that nothing is left running. */
class RedisProcessTest {

    @TempDir
    Path tmp;

    @Test
    void retriesOnAnotherPortWhenTheFirstOneIsTaken() throws Exception {
        Path binary = RedisBinaries.findOnPath().orElseGet(RedisBinaries::embedded);
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int taken = squatter.getLocalPort();
            AtomicInteger asked = new AtomicInteger();
            int free;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                free = probe.getLocalPort();
            }

            RedisProcess server = RedisProcess.launch(binary,
                    () -> asked.getAndIncrement() == 0 ? taken : free, RedisProcess.READY_TIMEOUT);
            try {
                assertEquals(free, server.port());
                assertEquals(2, asked.get());
                assertNotEquals(null, server.serverInfo().get("redis_version"));
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aKilledServerRestartsOnItsPortAndInItsDirectory() throws Exception {
        RedisProcess server = RedisProcess.launch(RedisBinaries.findOnPath().orElseGet(RedisBinaries::embedded));
        try {
            int port = server.port();
            String firstPid = server.serverInfo().get("process_id");
            Path dir;
            try (Jedis jedis = Connections.open(port, Duration.ofSeconds(2))) {
                dir = Path.of(jedis.configGet("dir").get("dir"));
                jedis.set("k", "v");
            }

            server.kill();

            assertFalse(server.isAlive());
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
            assertTrue(Files.isDirectory(dir), "the directory goes only with stop()");

            server.restart();

            assertTrue(server.isAlive());
            assertNotEquals(firstPid, server.serverInfo().get("process_id"));
            try (Jedis jedis = Connections.open(port, Duration.ofSeconds(2))) {
                assertEquals(dir.toString(), jedis.configGet("dir").get("dir"));
                assertNull(jedis.get("k"), "nothing was persisted");
            }
            assertThrows(IllegalStateException.class, server::restart, "it still runs");

            server.stop();

            assertFalse(Files.exists(dir), dir + " still exists");
            assertThrows(IllegalStateException.class, server::restart, "stopped for good");
        } finally {
            server.stop();
        }
    }

    @Test
    void aServerGetsItsConfigFileAndArguments() {
        RedisProcess server = RedisProcess.launch(RedisBinaries.findOnPath().orElseGet(RedisBinaries::embedded),
                new RedisProcess.ServerConfig("extra.conf", "maxmemory-policy allkeys-lru\n", List.of("--hz", "20")),
                Ports::freeLoopbackPort, RedisProcess.READY_TIMEOUT);
        try (Jedis jedis = Connections.open(server.port(), Duration.ofSeconds(2))) {
            assertEquals("allkeys-lru", jedis.configGet("maxmemory-policy").get("maxmemory-policy"));
            assertEquals("20", jedis.configGet("hz").get("hz"));
            assertEquals("127.0.0.1", jedis.configGet("bind").get("bind"), "the options every server gets still apply");
        } finally {
            server.stop();
        }
    }

    @Test
    void clusterPortsHaveAFreeBusPortInRange() throws Exception {
        int port = Ports.freeClusterPort();
        assertTrue(port + Ports.CLUSTER_BUS_OFFSET <= 65535, () -> Integer.toString(port));
        try (ServerSocket client = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"));
             ServerSocket bus = new ServerSocket(port + Ports.CLUSTER_BUS_OFFSET, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, client.getLocalPort());
            assertEquals(port + Ports.CLUSTER_BUS_OFFSET, bus.getLocalPort());
        }
    }

    @Test
    void aServerThatExitsIsReportedWithItsOutput() throws Exception {
        assumeFalse(Testing.WINDOWS, "uses a shell script");
        Path fake = Testing.script(tmp.resolve("redis-server"), "echo 'FATAL CONFIG FILE ERROR: fake'\nexit 3");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RedisProcess.launch(fake));

        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("FATAL CONFIG FILE ERROR: fake"), e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndIsKilled() throws Exception {
        assumeFalse(Testing.WINDOWS, "uses a shell script");
        Path pidFile = tmp.resolve("pid");
        Path fake = Testing.script(tmp.resolve("redis-server"),
                "echo $$ > '" + pidFile + "'\necho 'still loading, honest'\nexec sleep 60");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RedisProcess.launch(fake, () -> 1, Duration.ofMillis(300)));

        assertTrue(e.getMessage().contains("did not answer PING within 300 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("still loading, honest"), e.getMessage());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "fake server " + pid + " still runs");
    }
}
