package dev.redao.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RespClientTest {

    private static LocalRedis redis;
    private RespClient client;

    @BeforeAll
    static void startServer() {
        redis = LocalRedis.startEmbedded();
    }

    @AfterAll
    static void stopServer() {
        redis.close();
    }

    @BeforeEach
    void connect() throws Exception {
        client = redis.connectRaw();
        client.call("FLUSHALL");
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    @Test
    void everyRespTwoReplyType() throws Exception {
        assertEquals("OK", client.call("SET", "k", "v"));           // simple string
        assertEquals("v", client.call("GET", "k"));                 // bulk string
        assertNull(client.call("GET", "missing"));                  // nil
        assertEquals(1L, client.call("INCR", "n"));                 // integer
        client.call("RPUSH", "l", "a", "b");
        assertEquals(List.of("a", "b"), client.call("LRANGE", "l", "0", "-1")); // array
    }

    @Test
    void bulkStringsAreLengthPrefixedNotLineBased() throws Exception {
        String tricky = "héllo ✓\r\nsecond line\r\n";
        client.call("SET", "k", tricky);
        assertEquals(tricky, client.call("GET", "k"));
        assertEquals((long) tricky.getBytes(StandardCharsets.UTF_8).length, client.call("STRLEN", "k"));
    }

    @Test
    void errorRepliesAreThrownAndTheConnectionStaysUsable() throws Exception {
        RespClient.ErrorReply e = assertThrows(RespClient.ErrorReply.class, () -> client.call("NO-SUCH-COMMAND"));
        assertTrue(e.getMessage().startsWith("ERR"), e.getMessage());
        assertEquals("PONG", client.call("PING"));
    }

    @Test
    void infoIsParsedIntoFields() throws Exception {
        Map<String, String> info = client.info("server");
        assertEquals(redis.version(), info.get("redis_version"));
        assertEquals(Integer.toString(redis.port()), info.get("tcp_port"));
        assertFalse(info.keySet().stream().anyMatch(key -> key.startsWith("#")));
    }
}
