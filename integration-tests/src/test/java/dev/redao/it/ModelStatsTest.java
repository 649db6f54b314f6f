package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.Resident;
import dev.redao.it.model.ResidentDao;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.tools.ModelStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * dao.stats() counts what the model holds, by kind, and measures its memory: exactly for a small
 * model, from samples for a large one. Member has two unique fields (two uni hashes), an indexed
 * String with {@code prefix = true} (one set per value and a lex index) and an indexed int (one
 * sorted set).
 */
class ModelStatsTest extends RedisTestSupport {
    private static final List<String> COUNTRIES = List.of("DE", "FR", "IT");

    private static List<Member> members(int from, int to) {
        List<Member> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new Member(null, "m" + i + "@example.com", "h" + i, COUNTRIES.get(i % 3), 20 + i % 50, "Member " + i));
        }
        return out;
    }

    /** MEMORY USAGE ... SAMPLES 0 of every key of the model, summed by the test itself. */
    private long exactMemory(Set<String> keys) {
        return raw(jedis -> keys.stream().mapToLong(k -> jedis.memoryUsage(k, 0)).sum());
    }

    @Test
    void anEmptyModelHasNothing() {
        ModelStats stats = new MemberDao(store).stats();
        assertEquals(new ModelStats("member", base("member"), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true, 0), stats);
    }

    @Test
    void countsFollowSavesAndDeletes() {
        MemberDao dao = new MemberDao(store);
        List<Member> saved = dao.saveAll(members(0, 30));
        ModelStats stats = dao.stats();
        assertEquals(30, stats.objects());
        assertEquals(30, stats.objectKeys());
        assertEquals(3, stats.valueIndexKeys(), "idx:country:DE, FR and IT");
        assertEquals(1, stats.sortedIndexKeys(), "idx:age");
        assertEquals(1, stats.lexIndexKeys(), "lex:country");
        assertEquals(2, stats.uniqueIndexKeys(), "uni:email and uni:handle");
        assertEquals(3, stats.otherKeys(), "the id set, the id counter and the stored schema");
        assertEquals(7, stats.indexKeys());
        assertEquals(keys().size(), stats.totalKeys());

        // every Italian (i % 3 == 2) leaves: their index set goes with them
        dao.deleteAll(saved.stream().filter(m -> m.country().equals("IT")).map(Member::id).toList());
        ModelStats after = dao.stats();
        assertEquals(20, after.objects());
        assertEquals(20, after.objectKeys());
        assertEquals(2, after.valueIndexKeys());
        assertEquals(7 - 1, after.indexKeys());
        assertEquals(keys().size(), after.totalKeys());
    }

    @Test
    void keysOfOtherModelsAndNamespacesAreNotCounted() {
        MemberDao dao = new MemberDao(store);
        dao.saveAll(members(0, 5));
        ModelStats alone = dao.stats();
        // a model whose name extends this one's (stdnet's "bk*" counted those), and another namespace
        raw(jedis -> jedis.set(nsKey("{members}:obj:1"), "x"));
        raw(jedis -> jedis.set(nsKey("{member}"), "x"));
        try (RedisStore other = connect(newNamespace())) {
            try {
                new MemberDao(other).saveAll(members(0, 5));
                assertEquals(alone, dao.stats());
            } finally {
                deleteNamespace(other, other.namespace());
            }
        }
    }

    /** Compound index keys, one per value of the first field and index, are a kind of their own. */
    @Test
    void compoundIndexKeysAreCounted() {
        ResidentDao dao = new ResidentDao(store);
        dao.saveAll(List.of(new Resident(null, "DE", 30, 1, "a"), new Resident(null, "FR", 31, null, "b"),
                new Resident(null, null, 32, 3, "c")));
        ModelStats stats = dao.stats();
        assertEquals(3, stats.compoundIndexKeys(), "cidx:country:age:DE and FR, cidx:country:rank:DE");
        assertEquals(2, stats.valueIndexKeys(), "idx:country:DE and FR");
        assertEquals(2, stats.sortedIndexKeys(), "idx:age and idx:rank");
        assertEquals(7, stats.indexKeys());
        assertEquals(keys().size(), stats.totalKeys());
    }

    /** A namespace whose name starts another's (t1, t10) counts only its own keys. */
    @Test
    void aNamespaceCountsOnlyItsOwnKeysWhenItsNameStartsAnother() {
        String t1 = ns + "t1";
        String t10 = ns + "t10";
        try (RedisStore mine = connect(t1); RedisStore theirs = connect(t10)) {
            try {
                new MemberDao(mine).saveAll(members(0, 4));
                new MemberDao(theirs).saveAll(members(0, 40));
                ModelStats stats = new MemberDao(mine).stats();
                assertEquals(4, stats.objectKeys());
                assertEquals(RawKeys.ofNamespace(store, t1).size(), stats.totalKeys());
                assertEquals(exactMemory(RawKeys.ofNamespace(store, t1)), stats.memoryBytes());
            } finally {
                deleteNamespace(store, t1);
                deleteNamespace(store, t10);
            }
        }
    }

    @Test
    void memoryOfASmallModelIsExactAndGrowsWithData() {
        MemberDao dao = new MemberDao(store);
        dao.saveAll(members(0, 20));
        ModelStats small = dao.stats();
        assertTrue(small.memoryExact());
        assertEquals(small.totalKeys(), small.keysMeasured(), "every key measured");
        assertTrue(small.memoryBytes() > 0);
        assertEquals(exactMemory(keys()), small.memoryBytes());

        dao.saveAll(members(20, 80));
        ModelStats bigger = dao.stats();
        assertTrue(bigger.memoryBytes() > small.memoryBytes(), small.memoryBytes() + " -> " + bigger.memoryBytes());
        assertEquals(exactMemory(keys()), bigger.memoryBytes());
    }

    @Test
    void memoryOfALargeModelIsSampledPerKind() {
        MemberDao dao = new MemberDao(store);
        dao.saveAll(members(0, 120));
        long exact = dao.stats().memoryBytes();

        ModelStats sampled = dao.stats(100, 10); // 130 keys > 100: sampled
        assertFalse(sampled.memoryExact());
        // 10 of the 120 object hashes; the 3 value-index sets, and the 7 other keys, one by one
        assertEquals(10 + 3 + 1 + 1 + 2 + 3, sampled.keysMeasured());
        assertEquals(130, sampled.totalKeys(), "counts are exact either way");
        assertTrue(Math.abs(sampled.memoryBytes() - exact) < exact * 0.25,
                "estimate " + sampled.memoryBytes() + " vs exact " + exact);

        ModelStats allExact = dao.stats(130, 10);
        assertTrue(allExact.memoryExact(), "at the limit every key is measured");
        assertEquals(exact, allExact.memoryBytes());
    }

    @Test
    void badSamplingLimitsAreRefused() {
        MemberDao dao = new MemberDao(store);
        assertThrows(InvalidArgumentException.class, () -> dao.stats(-1, 10));
        assertThrows(InvalidArgumentException.class, () -> dao.stats(10, 0));
    }
}
