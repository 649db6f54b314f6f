package dev.redao.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.AuthenticationException;
import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.IdsExhaustedException;
import dev.redao.runtime.PermissionException;
import dev.redao.runtime.ReadOnlyException;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisOutOfMemoryException;
import dev.redao.runtime.RedisUnavailableException;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.ScriptException;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * How what Jedis throws becomes a typed exception, with the replies worded as Redis 7 and Redis 6.2
 * word them (copied from real servers), for the conditions the integration tests cannot make on a
 * single server (TRYAGAIN, CLUSTERDOWN...) as well as those they can.
 */
class RedisErrorsTest {
    private static final String AT = "127.0.0.1:6379";
    private static final Script SCRIPT = Script.of("member.load", "return 1");

    private static RedaoException script(String reply) {
        return RedisErrors.script(AT, new JedisDataException(reply), SCRIPT);
    }

    private static RedaoException command(JedisException e) {
        return RedisErrors.command(AT, e, "GET on key 'k'", null);
    }

    /**
     * What the cluster client and the pools throw when no server answers: out of attempts or time
     * during a failover, no connection to be had. Each is the retryable RedaoConnectionException,
     * for a script as for a command (FailoverTest met them as ScriptException before).
     */
    @Test
    void aClientOrPoolThatReachedNoServerIsALostConnection() {
        for (JedisException e : List.of(
                new JedisClusterOperationException("No more cluster attempts left."),
                new JedisClusterOperationException("Cluster retry deadline exceeded."),
                new JedisException("Could not get a resource from the pool", new JedisConnectionException("Failed to connect")),
                new JedisConnectionException("Unexpected end of stream."))) {
            for (RedaoException typed : List.of(command(e), RedisErrors.script(AT, e, SCRIPT))) {
                RedaoConnectionException lost = assertInstanceOf(RedaoConnectionException.class, typed, e.getMessage());
                assertTrue(lost.isRetryable());
                assertEquals(AT, lost.address());
            }
        }
    }

    /** The cluster client refuses keys of several slots before sending: typed, naming the script. */
    @Test
    void keysOfSeveralSlotsAreACrossSlotException() {
        JedisClusterOperationException e = new JedisClusterOperationException(
                "Cannot get connection for command with multiple hash slots");
        CrossSlotException typed = assertInstanceOf(CrossSlotException.class, RedisErrors.script(AT, e, SCRIPT));
        assertTrue(typed.getMessage().contains("'member.load'") && typed.getMessage().contains("@Model(group)"),
                typed.getMessage());
        assertInstanceOf(CrossSlotException.class, command(e));
    }

    /** A cluster client that reached no node because each refused the login carries their WRONGPASS. */
    @Test
    void aClusterThatRefusedTheLoginIsAnAuthenticationError() {
        JedisClusterOperationException e = new JedisClusterOperationException("Could not initialize cluster slots cache.");
        e.addSuppressed(new JedisAccessControlException("WRONGPASS invalid username-password pair or user is disabled."));
        RedaoException typed = RedisErrors.connecting(RedisUrl.parse("redis-cluster://" + AT), e);
        assertInstanceOf(AuthenticationException.class, typed);
        assertTrue(typed.getMessage().contains("WRONGPASS"), typed.getMessage());
    }

    @Test
    void conditionsThatPassAreOneRetryableTypeWithTheServersCode() {
        for (JedisException e : List.of(
                new JedisDataException("LOADING Redis is loading the dataset in memory"),
                new JedisBusyException("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT."),
                new JedisDataException("TRYAGAIN Multiple keys request during rehashing of slot"),
                new JedisDataException("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."),
                new JedisClusterException("CLUSTERDOWN The cluster is down"),
                new JedisDataException("NOREPLICAS Not enough good replicas to write."),
                new JedisDataException("UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)"))) {
            String code = e.getMessage().substring(0, e.getMessage().indexOf(' '));
            for (RedaoException typed : List.of(command(e), RedisErrors.script(AT, e, SCRIPT),
                    RedisErrors.connecting(RedisUrl.parse("redis://" + AT), e))) {
                RedisUnavailableException u = assertInstanceOf(RedisUnavailableException.class, typed);
                assertEquals(code, u.reason());
                assertEquals(AT, u.address());
                assertTrue(u.isRetryable());
                assertTrue(u.getMessage().contains(AT) && u.getMessage().contains(e.getMessage()), u.getMessage());
            }
        }
    }

    @Test
    void aLostConnectionIsARetryableConnectionException() {
        RedaoException e = command(new JedisConnectionException("Unexpected end of stream."));
        assertInstanceOf(RedaoConnectionException.class, e);
        assertEquals("CONNECTION", ((RedisUnavailableException) e).reason());
        assertTrue(e.isRetryable());
        assertInstanceOf(RedaoConnectionException.class,
                RedisErrors.connecting(RedisUrl.parse("redis://" + AT), new JedisException("Could not get a resource from the pool")));
    }

    @Test
    void refusalsThatStayHaveATypeEachWithTheServersWords() {
        String oom = "OOM command not allowed when used memory > 'maxmemory'.";
        String readOnly = "READONLY You can't write against a read only replica.";
        for (String reply : List.of(oom, oom + " script: 5d6161b3bddf87ed99c47a8fec9cc7867aa8aef6, on @user_script:1.",
                "ERR Error running script (call to f_5d61): @user_script:1: @user_script: 1: -" + oom,
                "@user_script: 1: -" + oom)) {
            RedisOutOfMemoryException e = assertInstanceOf(RedisOutOfMemoryException.class, script(reply));
            assertEquals(oom, e.reason(), reply);
            assertFalse(e.isRetryable());
        }
        for (String reply : List.of(readOnly + " script: 5d61, on @user_script:1.",
                "ERR Error running script (call to f_5d61): @user_script:1: @user_script: 1: -" + readOnly)) {
            assertEquals(readOnly, assertInstanceOf(ReadOnlyException.class, script(reply)).reason(), reply);
        }
        assertEquals(readOnly, assertInstanceOf(ReadOnlyException.class, command(new JedisDataException(readOnly))).reason());
    }

    /** Redis 7.2 says NOPERM inside scripts too; 7.0 and 6.2 only word it. */
    @Test
    void anAclRefusalIsAPermissionErrorInAnyWording() {
        for (String reply : List.of(
                "NOPERM this user has no permissions to run the 'hmget' command",
                "NOPERM User u has no permissions to run the 'incr' command script: 5d61, on @user_script:1.",
                "ERR The user executing the script can't run this command or subcommand script: 61636018, on @user_script:1.",
                "ERR Error running script (call to f_9): @user_script:1: @user_script: 1: The user executing the script can't"
                        + " access at least one of the keys mentioned in the command arguments",
                "@user_script: 1: The user executing the script can't run this command or subcommand")) {
            PermissionException e = assertInstanceOf(PermissionException.class, script(reply), reply);
            assertFalse(e.isRetryable());
            assertTrue(e.getMessage().contains("member.load") && e.getMessage().contains(e.reason()), e.getMessage());
        }
        assertInstanceOf(PermissionException.class,
                command(new JedisAccessControlException("NOPERM this user has no permissions to run the 'hmget' command")));
    }

    @Test
    void credentialsAndConnectionStringsRefusedOnConnecting() {
        RedisUrl url = RedisUrl.parse("redis://ann:s3cret@" + AT + "?db=99");
        RedaoException wrong = RedisErrors.connecting(url,
                new JedisAccessControlException("WRONGPASS invalid username-password pair or user is disabled."));
        assertInstanceOf(AuthenticationException.class, wrong);
        assertFalse(wrong.isRetryable());
        ConfigurationException db = assertInstanceOf(ConfigurationException.class,
                RedisErrors.connecting(url, new JedisDataException("ERR DB index is out of range")));
        assertEquals("ERR DB index is out of range", db.reason());
        assertTrue(db.getMessage().contains("redis://ann@" + AT + "?db=99"), db.getMessage());
        assertFalse(db.getMessage().contains("s3cret"), db.getMessage());
    }

    @Test
    void aWrongTypeReadIsCorruptDataOnRedis7AndRedis6() {
        assertInstanceOf(CorruptDataException.class,
                script("WRONGTYPE Operation against a key holding the wrong kind of value script: f_79df, on @user_script:8."));
        assertInstanceOf(CorruptDataException.class, script("ERR Error running script (call to f_79df): @user_script:8: "
                + "WRONGTYPE Operation against a key holding the wrong kind of value"));
    }

    @Test
    void aTaggedWrongTypeNamesTheKeyAndTheScript() {
        String expected = "{shop.user}:idx:age holds a string where a zset belongs (found by member.load; nothing was written)";
        RedaoException e = script("ERR Error running script (call to f_1): @user_script:3: user_script:3: "
                + "REDAO-WRONGTYPE {shop.user}:idx:age holds a string where a zset belongs");
        assertInstanceOf(CorruptDataException.class, e);
        assertEquals(expected, e.getMessage());
        e = script("ERR user_script:3: REDAO-WRONGTYPE {shop.user}:idx:age holds a string where a zset belongs"
                + " script: 64b5a91ab044ff958c5850c7283f9d385a59fb03, on @user_script:3.");
        assertEquals(expected, e.getMessage());
    }

    @Test
    void aCorruptObjectIsCorruptDataAndAReadSaysNothingOfWrites() {
        String detail = "member 2 is corrupt: its hash {shop:member}:obj:2 has no field 'id' but holds fields of member;"
                + " delete 2 to remove it (other writes refuse it)";
        RedaoException e = script("ERR user_script:9: REDAO-CORRUPT " + detail
                + " script: 64b5a91ab044ff958c5850c7283f9d385a59fb03, on @user_script:9.");
        assertInstanceOf(CorruptDataException.class, e);
        assertEquals(detail + " (found by member.load; nothing was written)", e.getMessage());
        Script load = Script.reading("member.load", "return 1");
        e = RedisErrors.script(AT, new JedisDataException("ERR Error running script (call to f_1): @user_script:9: "
                + "user_script:9: REDAO-CORRUPT " + detail), load);
        assertInstanceOf(CorruptDataException.class, e);
        assertEquals(detail + " (found by member.load)", e.getMessage());
    }

    /** The tagged messages quote Redis's own WRONGTYPE: the tag decides, and keeps its wording. */
    @Test
    void aTaggedErrorQuotingWrongTypeKeepsItsTag() {
        RedaoException e = script("ERR Error running script (call to f_1): @user_script:30: user_script:30: "
                + "REDAO-WRONGTYPE {shop.user}:uni:handle cannot be read (HGET): WRONGTYPE Operation against a key");
        assertEquals("{shop.user}:uni:handle cannot be read (HGET): WRONGTYPE Operation against a key"
                + " (found by member.load; nothing was written)", e.getMessage());
        e = script("REDAO-COUNTER-CORRUPT the id counter {shop.user}:ids cannot count: WRONGTYPE Operation against a key");
        assertInstanceOf(CorruptDataException.class, e);
        assertEquals("the id counter {shop.user}:ids cannot count: WRONGTYPE Operation against a key"
                + " (member.load; nothing was written)", e.getMessage());
    }

    @Test
    void idsThatRunOutAreNoCorruptData() {
        IdsExhaustedException e = assertInstanceOf(IdsExhaustedException.class, script(
                "REDAO-IDS-EXHAUSTED the id counter {shop.user}:ids has no next id: ERR increment or decrement would overflow"));
        assertEquals("the id counter {shop.user}:ids has no next id: ERR increment or decrement would overflow", e.reason());
        assertFalse(e.isRetryable());
        assertInstanceOf(IdsExhaustedException.class, RedisErrors.idCounter(AT,
                new JedisDataException("ERR increment or decrement would overflow"), "{shop.user}:ids"));
        assertInstanceOf(CorruptDataException.class, RedisErrors.idCounter(AT,
                new JedisDataException("ERR value is not an integer or out of range"), "{shop.user}:ids"));
    }

    @Test
    void anyOtherErrorIsAScriptExceptionWithTheScriptsNameOrARefusalNamingTheCommand() {
        RedaoException e = script("ERR value is not an integer or out of range");
        assertInstanceOf(ScriptException.class, e);
        assertTrue(e.getMessage().contains("member.load"), e.getMessage());
        e = script("ERR user_script:2: no such order: 42 script: 64b5a91ab044ff958c5850c7283f9d385a59fb03, on @user_script:2.");
        assertTrue(e.getMessage().contains("user_script:2: no such order: 42"), "where in the script: " + e.getMessage());
        e = command(new JedisDataException("ERR value is not an integer or out of range"));
        assertEquals(RedaoException.class, e.getClass());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains(AT) && e.getMessage().contains("GET on key 'k'"), e.getMessage());
    }
}
