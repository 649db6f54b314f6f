package dev.redao.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisDataException;

/** How error replies to script calls become typed exceptions, as Redis 7 and Redis 6 word them. */
class ScriptErrorTest {
    private static final Script SCRIPT = Script.of("member.load", "return 1");

    private static RedaoException error(String reply) {
        return RedisStore.scriptError(SCRIPT, new JedisDataException(reply));
    }

    @Test
    void aWrongTypeReadIsCorruptDataOnRedis7AndRedis6() {
        assertInstanceOf(CorruptDataException.class,
                error("WRONGTYPE Operation against a key holding the wrong kind of value script: f_79df, on @user_script:8."));
        assertInstanceOf(CorruptDataException.class, error("ERR Error running script (call to f_79df): @user_script:8: "
                + "WRONGTYPE Operation against a key holding the wrong kind of value"));
    }

    @Test
    void aTaggedWrongTypeNamesTheKeyAndTheScript() {
        RedaoException e = error("ERR Error running script (call to f_1): @user_script:3: user_script:3: "
                + "REDAO-WRONGTYPE {shop.user}:idx:age holds a string where a zset belongs");
        assertInstanceOf(CorruptDataException.class, e);
        assertEquals("{shop.user}:idx:age holds a string where a zset belongs (found by member.load; nothing was written)",
                e.getMessage());
    }

    /** The tagged messages quote Redis's own WRONGTYPE: the tag decides, and keeps its wording. */
    @Test
    void aTaggedErrorQuotingWrongTypeKeepsItsTag() {
        RedaoException e = error("ERR Error running script (call to f_1): @user_script:30: user_script:30: "
                + "REDAO-WRONGTYPE {shop.user}:uni:handle cannot be read (HGET): WRONGTYPE Operation against a key");
        assertEquals("{shop.user}:uni:handle cannot be read (HGET): WRONGTYPE Operation against a key"
                + " (found by member.load; nothing was written)", e.getMessage());
        e = error("REDAO-COUNTER-CORRUPT the id counter {shop.user}:ids cannot count: WRONGTYPE Operation against a key");
        assertInstanceOf(CorruptDataException.class, e);
        assertEquals("the id counter {shop.user}:ids cannot count: WRONGTYPE Operation against a key"
                + " (member.load; nothing was written)", e.getMessage());
    }

    @Test
    void anyOtherErrorIsAScriptExceptionWithTheScriptsName() {
        RedaoException e = error("ERR value is not an integer or out of range");
        assertInstanceOf(ScriptException.class, e);
        assertTrue(e.getMessage().contains("member.load"), e.getMessage());
    }
}
