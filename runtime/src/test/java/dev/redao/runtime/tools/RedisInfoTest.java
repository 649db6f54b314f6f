package dev.redao.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.RedaoException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed view of INFO reads the server's text, and names a field it cannot read. */
class RedisInfoTest {
    private static final String INFO = String.join("\r\n",
            "# Server",
            "redis_version:7.4.1",
            "uptime_in_seconds:3935",
            "",
            "# Clients",
            "connected_clients:7",
            "# Memory",
            "used_memory:5825776",
            "used_memory_human:5.56M",
            "# Stats",
            "instantaneous_ops_per_sec:12",
            "total_commands_processed:2357",
            "# Replication",
            "role:master",
            "# Keyspace",
            "db0:keys=19934,expires=23,avg_ttl=0",
            "db10:keys=3,expires=1,avg_ttl=41000,subexpiry=0",
            "");

    @Test
    void typedFieldsComeFromTheirLines() {
        RedisInfo info = RedisInfo.parse(INFO);
        assertEquals("7.4.1", info.version());
        assertEquals(Duration.ofSeconds(3935), info.uptime());
        assertEquals(7, info.connectedClients());
        assertEquals(5825776, info.usedMemory());
        assertEquals(12, info.opsPerSecond());
        assertEquals(2357, info.totalCommands());
        assertEquals("master", info.role());
        assertEquals(Map.of(0, new RedisInfo.Database(19934, 23, 0), 10, new RedisInfo.Database(3, 1, 41000)),
                info.keyspace());
        assertEquals(List.of(0, 10), List.copyOf(info.keyspace().keySet()), "in database order");
    }

    @Test
    void rawKeepsEveryFieldInTheServersOrder() {
        RedisInfo info = RedisInfo.parse(INFO);
        assertEquals("5.56M", info.raw().get("used_memory_human"));
        assertEquals("keys=3,expires=1,avg_ttl=41000,subexpiry=0", info.raw().get("db10"));
        assertEquals("redis_version", info.raw().keySet().iterator().next());
        assertEquals(10, info.raw().size());
        assertThrows(UnsupportedOperationException.class, () -> info.raw().put("x", "y"));
    }

    @Test
    void aMissingOrMalformedFieldIsNamed() {
        RedisInfo info = RedisInfo.parse("redis_version:7.0.0\r\nconnected_clients:many\r\n");
        RedaoException missing = assertThrows(RedaoException.class, info::usedMemory);
        assertTrue(missing.getMessage().contains("'used_memory'"), missing.getMessage());
        RedaoException malformed = assertThrows(RedaoException.class, info::connectedClients);
        assertTrue(malformed.getMessage().contains("'connected_clients'") && malformed.getMessage().contains("many"),
                malformed.getMessage());
        assertTrue(info.keyspace().isEmpty());
    }

    /** A cluster's masters: counts add up, the average TTL weighs each master by its keys with an expiry. */
    @Test
    void severalServersAddUpTheirCountsAndKeepTheirOwn() {
        String second = INFO.replace("uptime_in_seconds:3935", "uptime_in_seconds:20")
                .replace("redis_version:7.4.1", "redis_version:7.4.2")
                .replace("db0:keys=19934,expires=23,avg_ttl=0", "db0:keys=66,expires=1,avg_ttl=2400")
                .replace("db10:keys=3,expires=1,avg_ttl=41000,subexpiry=0\r\n", "");
        Map<String, String> byServer = new LinkedHashMap<>();
        byServer.put("127.0.0.1:7000", INFO);
        byServer.put("127.0.0.1:7001", second);
        RedisInfo info = RedisInfo.parse(byServer);
        assertEquals("7.4.1", info.version(), "the first server's");
        assertEquals(Duration.ofSeconds(20), info.uptime(), "the youngest server's");
        assertEquals(14, info.connectedClients());
        assertEquals(2 * 5825776L, info.usedMemory());
        assertEquals(24, info.opsPerSecond());
        assertEquals(4714, info.totalCommands());
        assertEquals(Map.of(0, new RedisInfo.Database(20000, 24, 100), 10, new RedisInfo.Database(3, 1, 41000)),
                info.keyspace());
        assertEquals(List.of("127.0.0.1:7000", "127.0.0.1:7001"), List.copyOf(info.servers().keySet()));
        assertEquals("7.4.2", info.servers().get("127.0.0.1:7001").version());
        assertEquals(Map.of(), info.servers().get("127.0.0.1:7001").servers());
    }
}
