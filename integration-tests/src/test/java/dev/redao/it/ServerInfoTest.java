package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.tools.RedisInfo;
import dev.redao.testsupport.LocalRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** store.serverInfo() against the real server: every typed field is there and sane. */
class ServerInfoTest extends RedisTestSupport {

    @AfterEach
    void deletePlainKeys() {
        RawKeys.deleteStartingWith(store, ns);
    }

    @Test
    void typedFieldsDescribeTheServer() {
        RedisInfo info = store.serverInfo();
        assertEquals(TestServers.version(), info.version());
        assertEquals("master", info.role());
        assertTrue(info.connectedClients() >= 1, "this store is connected: " + info.connectedClients());
        assertTrue(info.usedMemory() > 0);
        assertTrue(info.opsPerSecond() >= 0);
        assertTrue(!info.uptime().isNegative() && info.uptime().compareTo(Duration.ofDays(3650)) < 0, info.uptime().toString());
        assertEquals(info.version(), info.raw().get("redis_version"));
        assertEquals(info.usedMemory(), info.servers().values().stream()
                .mapToLong(server -> Long.parseLong(server.raw().get("used_memory"))).sum(), "each server's, added up");
        assertEquals(TestServers.dataServers().size(), info.servers().size());
        assertTrue(info.raw().containsKey("process_id") && info.raw().containsKey("instantaneous_ops_per_sec"));
        assertTrue(info.toString().startsWith("Redis " + info.version()), info.toString());

        RedisInfo later = store.serverInfo();
        assertTrue(later.totalCommands() > info.totalCommands(), "the INFO in between was a command");
        assertTrue(later.uptime().compareTo(info.uptime()) >= 0);
    }

    @Test
    void keyspaceCountsTheKeysOfTheStoresDatabase() {
        int db = store.url().database();
        long before = store.serverInfo().keyspace().getOrDefault(db, new RedisInfo.Database(0, 0, 0)).keys();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add(store.keyspace().key("k" + i));
        }
        raw(jedis -> {
            keys.forEach(k -> jedis.set(k, "v"));
            return jedis.expire(keys.get(0), 600);
        });
        RedisInfo.Database after = store.serverInfo().keyspace().get(db);
        if (redis().source() == LocalRedis.Source.ENV) {
            assertTrue(after.keys() >= 25, "a server of your own may have other writers: " + after);
        } else { // our own server: tests run one at a time, so no other key comes or goes meanwhile
            assertEquals(before + 25, after.keys());
        }
        assertTrue(after.expires() >= 1);
        assertTrue(after.averageTtlMillis() >= 0);
    }
}
