package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.tools.Keyspace;
import dev.redao.runtime.tools.ScoredMember;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.resps.Tuple;

/** zdiffstore, zpopByRank and zpopByScore: what they return and what they leave in Redis. */
class KeyspaceSortedSetTest extends RedisTestSupport {
    private Keyspace ks;

    @BeforeEach
    void keyspace() {
        ks = store.keyspace();
    }

    @AfterEach
    void deletePlainKeys() {
        RawKeys.deleteStartingWith(store, ns);
    }

    private void zadd(String name, Object... memberScorePairs) {
        Map<String, Double> members = new LinkedHashMap<>();
        for (int i = 0; i < memberScorePairs.length; i += 2) {
            members.put((String) memberScorePairs[i], ((Number) memberScorePairs[i + 1]).doubleValue());
        }
        raw(jedis -> jedis.zadd(ks.key(name), members));
    }

    /** The sorted set as "member=score" in score order. */
    private List<String> zset(String name) {
        return raw(jedis -> jedis.zrangeWithScores(ks.key(name), 0, -1)).stream()
                .map(t -> t.getElement() + "=" + t.getScore()).toList();
    }

    private static List<String> text(List<ScoredMember> popped) {
        return popped.stream().map(m -> m.member() + "=" + m.score()).toList();
    }

    private void tenMembers() {
        for (int i = 0; i < 10; i++) {
            zadd("z", "m" + i, i);
        }
    }

    // the keys of one ZDIFFSTORE share the hash tag {zs}: a Redis Cluster runs a command only on keys of one slot

    @Test
    void zdiffstoreKeepsTheFirstKeysMembersThatNoOtherHas() {
        zadd("{zs}z1", "a", 1, "b", 2, "c", 3, "d", 4);
        zadd("{zs}z2", "b", 20, "x", 5);
        raw(jedis -> jedis.sadd(ks.key("{zs}s3"), "d"));
        raw(jedis -> jedis.set(ks.key("{zs}dest"), "overwritten"));

        assertEquals(2, ks.zdiffstore("{zs}dest", "{zs}z1", "{zs}z2", "{zs}s3"));
        assertEquals(List.of("a=1.0", "c=3.0"), zset("{zs}dest"), "scores come from the first key");
        assertEquals(List.of("a=1.0", "b=2.0", "c=3.0", "d=4.0"), zset("{zs}z1"), "sources are unchanged");

        assertEquals(4, ks.zdiffstore("{zs}copy", "{zs}z1"), "with no others it copies");
        assertEquals(zset("{zs}z1"), zset("{zs}copy"));

        assertEquals(0, ks.zdiffstore("{zs}dest", "{zs}missing", "{zs}z1"));
        assertFalse(exists(ks.key("{zs}dest")), "an empty result deletes the destination");
    }

    @Test
    void zdiffstoreNamesTheKeysWhenOneIsNoSortedSet() {
        zadd("{zs}z1", "a", 1);
        zadd("{zs}dest", "kept", 9);
        raw(jedis -> jedis.set(ks.key("{zs}text"), "x"));
        RedaoException e = assertThrows(RedaoException.class, () -> ks.zdiffstore("{zs}dest", "{zs}z1", "{zs}text"));
        assertTrue(e.getMessage().contains(ks.key("{zs}text")), e.getMessage());
        assertEquals(List.of("kept=9.0"), zset("{zs}dest"), "nothing was written");
    }

    @Test
    void zdiffstoreOfKeysInSeveralSlotsRunsOnOneServerAndIsRefusedOnACluster() {
        zadd("first", "a", 1, "b", 2);
        zadd("second", "b", 1);
        if (onACluster()) {
            CrossSlotException e = assertThrows(CrossSlotException.class, () -> ks.zdiffstore("dest", "first", "second"));
            assertTrue(e.getMessage().contains("hash tag"), e.getMessage());
            assertFalse(exists(ks.key("dest")), "nothing was written");
        } else {
            assertEquals(1, ks.zdiffstore("dest", "first", "second"));
        }
    }

    @Test
    void zpopByRankReturnsAndRemovesTheRanks() {
        tenMembers();
        assertEquals(List.of("m0=0.0", "m1=1.0", "m2=2.0"), text(ks.zpopByRank("z", 0, 2, false)));
        assertEquals(List.of("m9=9.0", "m8=8.0"), text(ks.zpopByRank("z", 0, 1, true)), "highest first");
        // left: m3..m7
        assertEquals(List.of("m6=6.0", "m7=7.0"), text(ks.zpopByRank("z", -2, -1, false)));
        assertEquals(List.of("m3=3.0"), text(ks.zpopByRank("z", -1, -1, true)), "-1 descending is the lowest");
        // left: m4, m5
        assertEquals(List.of("m4=4.0"), text(ks.zpopByRank("z", 1, 100, true)), "ranks past the end are clipped");
        assertEquals(List.of(), ks.zpopByRank("z", 1, 0, false), "start after stop pops nothing");
        assertEquals(List.of("m5=5.0"), zset("z"));
        assertEquals(List.of("m5=5.0"), text(ks.zpopByRank("z", 0, -1, false)));
        assertFalse(exists(ks.key("z")), "popping the last member deletes the key, as ZREM does");
        assertEquals(List.of(), ks.zpopByRank("z", 0, -1, false));
        assertFalse(exists(ks.key("z")));
    }

    @Test
    void descendingRanksWithMixedSignsPopWhatZrangeShows() {
        tenMembers();
        List<String> shown = raw(jedis -> jedis.zrevrangeWithScores(ks.key("z"), 2, -3)).stream()
                .map((Tuple t) -> t.getElement() + "=" + t.getScore()).toList();
        assertEquals(List.of("m7=7.0", "m6=6.0", "m5=5.0", "m4=4.0", "m3=3.0", "m2=2.0"), shown);
        assertEquals(shown, text(ks.zpopByRank("z", 2, -3, true)));
        assertEquals(List.of("m0=0.0", "m1=1.0", "m8=8.0", "m9=9.0"), zset("z"), "exactly those were removed");
        assertEquals(List.of(), ks.zpopByRank("z", Long.MIN_VALUE, Long.MIN_VALUE, true));
        assertEquals(List.of("m9=9.0", "m8=8.0", "m1=1.0", "m0=0.0"), text(ks.zpopByRank("z", 0, Long.MAX_VALUE, true)));
    }

    @Test
    void zpopByScoreReturnsAndRemovesTheScoreRange() {
        for (int i = 1; i <= 10; i++) {
            zadd("z", "s" + i, i);
        }
        zadd("z", "top", Double.POSITIVE_INFINITY);
        assertEquals(List.of("s2=2.0", "s3=3.0", "s4=4.0"), text(ks.zpopByScore("z", 2, 4, false)), "bounds are inclusive");
        assertEquals(List.of("top=Infinity", "s10=10.0", "s9=9.0", "s8=8.0", "s7=7.0"),
                text(ks.zpopByScore("z", 6.5, Double.POSITIVE_INFINITY, true)));
        assertEquals(List.of("s1=1.0"), text(ks.zpopByScore("z", Double.NEGATIVE_INFINITY, 1.5, false)));
        assertEquals(List.of(), ks.zpopByScore("z", 6, 5, false), "min above max pops nothing");
        assertThrows(InvalidArgumentException.class, () -> ks.zpopByScore("z", Double.NaN, 5, false));
        assertEquals(List.of("s5=5.0", "s6=6.0"), zset("z"));
        assertEquals(List.of("s5=5.0"), text(ks.zpopByScore("z", 1e-300, 5, false)), "exponent notation is a valid bound");
    }

    @Test
    void membersAreText() {
        zadd("z", "gr\u00fc\u00dfe \u20ac", 1);
        assertEquals(List.of(new ScoredMember("gr\u00fc\u00dfe \u20ac", 1.0)), ks.zpopByRank("z", 0, 0, false));
    }

    @Test
    void aPopOfAKeyThatIsNoSortedSetRemovesNothing() {
        raw(jedis -> jedis.rpush(ks.key("list"), "a", "b"));
        for (Runnable pop : List.<Runnable>of(
                () -> ks.zpopByRank("list", 0, -1, false),
                () -> ks.zpopByScore("list", 0, 10, true))) {
            RedaoException e = assertThrows(RedaoException.class, pop::run);
            assertTrue(e.getMessage().contains("'" + ks.key("list") + "' is not a sorted set"), e.getMessage());
        }
        assertEquals(List.of("a", "b"), raw(jedis -> jedis.lrange(ks.key("list"), 0, -1)));
    }

    @Test
    void popsRecoverAfterScriptFlush() {
        tenMembers();
        ks.zpopByRank("z", 0, 0, false);
        ks.zpopByScore("z", 1, 1, false);
        assertEquals("OK", raw(jedis -> jedis.scriptFlush()));
        assertEquals(List.of("m2=2.0"), text(ks.zpopByRank("z", 0, 0, false)));
        assertEquals(List.of("m3=3.0"), text(ks.zpopByScore("z", 3, 3, false)));
    }
}
