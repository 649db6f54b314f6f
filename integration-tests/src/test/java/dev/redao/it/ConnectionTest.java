package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.AuthenticationException;
import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;

/** Connecting: unreachable servers, database selection, authentication. */
class ConnectionTest extends RedisTestSupport {

    /** A loopback port nobody listens on (it was free a moment ago, and Redis never binds random ports). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void unreachableServerNamesTheAddress() throws IOException {
        int port = closedPort();
        RedaoConnectionException e = assertThrows(RedaoConnectionException.class,
                () -> RedisStore.connect("redis://127.0.0.1:" + port + "?timeout=2"));
        assertEquals("127.0.0.1:" + port, e.address());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertTrue(e.isRetryable(), "a server may come up");
        assertEquals("CONNECTION", e.reason());
    }

    @Test
    void dbParameterSelectsTheDatabase() {
        assumeTrue(TestServers.DEPLOYMENT != TestServers.Deployment.CLUSTER,
                "a cluster has only database 0; RedisUrl refuses another (ConnectionStringTest)");
        String dbNs = newNamespace();
        try (RedisStore db5 = RedisStore.connect(TestServers.url() + "?db=5&namespace=" + dbNs)) {
            try {
                assertEquals(5, db5.url().database());
                MemberDao dao = new MemberDao(db5);
                Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
                assertEquals(Optional.of(ann), dao.get(ann.id()));
                String objKey = nsKey(dbNs, "{member}:obj:1");
                assertTrue(db5.<Boolean>execute(jedis -> jedis.exists(objKey)), "the object is in db 5");
                assertTrue(text(db5.execute(jedis -> jedis.sendCommand(Protocol.Command.CLIENT, "INFO"))).contains(" db=5 "));
                // the base store is on db 0: the key is not there
                assertFalse(this.<Boolean>raw(jedis -> jedis.exists(objKey)), "and not in db 0");
                assertTrue(keys(store, dbNs).isEmpty());
                try (RedisStore zero = connect(dbNs)) {
                    assertEquals(Optional.empty(), new MemberDao(zero).get(ann.id()));
                    assertEquals(0, new MemberDao(zero).count());
                }
                assertTrue(raw(jedis -> jedis.info("keyspace")).contains("db5:keys="));
            } finally {
                deleteNamespace(db5, dbNs);
            }
        }
    }

    @Test
    void userAndPasswordFromTheUrl() {
        String user = "redao-it-" + UUID.randomUUID();
        String password = "p@ss:w/rd ✓";
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
        everyServer(jedis -> jedis.aclSetUser(user, "on", ">" + password, "~*", "&*", "+@all"));
        try {
            String address = RedisUrl.parse(TestServers.url()).address();
            try (RedisStore s = RedisStore.connect(TestServers.urlAs(user, encoded) + "?namespace=" + ns)) {
                assertEquals(user, s.url().user());
                assertEquals(password, s.url().password());
                assertFalse(s.url().toString().contains(encoded), "toString hides the password");
                assertEquals(user, text(s.execute(jedis -> jedis.sendCommand(Protocol.Command.ACL, "WHOAMI"))));
                MemberDao dao = new MemberDao(s);
                Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
                assertEquals(Optional.of(ann), dao.getByEmail("ann@x"));
            }
            try (RedisStore s = RedisStore.connect(TestServers.url() + "?user=" + user + "&password=" + encoded
                    + "&namespace=" + ns)) {
                assertEquals(user, text(s.execute(jedis -> jedis.sendCommand(Protocol.Command.ACL, "WHOAMI"))));
                assertEquals(1, new MemberDao(s).count());
            }
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> RedisStore.connect(
                    TestServers.urlAs(user, "wrong-pw") + "?namespace=" + ns));
            assertEquals(address, e.address());
            assertTrue(e.reason().startsWith("WRONGPASS"), e.reason());
            assertFalse(e.isRetryable(), "a wrong password stays wrong");
            assertTrue(e.getMessage().contains(address) && e.getMessage().contains("WRONGPASS"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-pw"), "the password leaked: " + e.getMessage());
        } finally {
            everyServer(jedis -> jedis.aclDelUser(user));
        }
    }

    /**
     * A password that holds the characters which separate a URL's parts ('?', '&', '/', '@',
     * '+') connects when it is percent-encoded, and written as it is it is refused before any
     * connection, by a message that shows no piece of it (before, a '?' made its head a port:
     * "the port of ... got 'hunt'", and a '&' made its tail a parameter: "unknown parameter 'er2'").
     */
    @Test
    void aPasswordWithUrlSeparatorsConnectsEncodedAndIsNeverShownRaw() {
        String user = "redao-it-" + UUID.randomUUID();
        String password = "hunt?er&2/x@y+z";
        everyServer(jedis -> jedis.aclSetUser(user, "on", ">" + password, "~*", "&*", "+@all"));
        try {
            String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
            try (RedisStore s = RedisStore.connect(TestServers.urlAs(user, encoded) + "?namespace=" + ns)) {
                assertEquals(user, text(s.execute(jedis -> jedis.sendCommand(Protocol.Command.ACL, "WHOAMI"))));
            }
            try (RedisStore s = RedisStore.connect(TestServers.url() + "?user=" + user + "&password=" + encoded + "&namespace=" + ns)) {
                assertEquals(user, text(s.execute(jedis -> jedis.sendCommand(Protocol.Command.ACL, "WHOAMI"))));
            }
            for (String raw : List.of(TestServers.urlAs(user, password) + "?namespace=" + ns,
                    TestServers.url() + "?user=" + user + "&password=" + password + "&namespace=" + ns)) {
                ConfigurationException e = assertThrows(ConfigurationException.class, () -> RedisStore.connect(raw));
                for (String piece : List.of("hunt", "'er'", "er&2", "2/x", "x@y", "y+z", "y z")) {
                    assertFalse(e.getMessage().contains(piece), piece + " leaked: " + e.getMessage());
                }
            }
        } finally {
            everyServer(jedis -> jedis.aclDelUser(user));
        }
    }

    @Test
    void timeoutAndPoolParameters() {
        try (RedisStore s = RedisStore.connect(TestServers.url() + "?timeout=0.5&pool=2&namespace=" + ns)) {
            assertEquals(500, s.url().timeoutMillis());
            assertEquals(2, s.url().poolSize());
            MemberDao dao = new MemberDao(s);
            dao.save(new Member(null, "a@x", null, null, 1, null));
            assertEquals(1, dao.count());
        }
    }

    /** A bulk-string reply of a command sent as is. */
    private static String text(Object reply) {
        return new String((byte[]) reply, java.nio.charset.StandardCharsets.UTF_8);
    }
}
