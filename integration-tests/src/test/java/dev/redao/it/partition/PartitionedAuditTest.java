package dev.redao.it.partition;

import static dev.redao.runtime.audit.ProblemKind.DUPLICATE_UNIQUE_VALUE;
import static dev.redao.runtime.audit.ProblemKind.LEFT_CLAIM;
import static dev.redao.runtime.audit.ProblemKind.MISSING_INDEX_ENTRY;
import static dev.redao.runtime.audit.ProblemKind.MISSING_UNIQUE_ENTRY;
import static dev.redao.runtime.audit.ProblemKind.STALE_UNIQUE_ENTRY;
import static dev.redao.runtime.audit.ProblemKind.WRONG_INDEX_SCORE;
import static dev.redao.runtime.audit.ProblemKind.WRONG_PARTITION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.RepairUnderWriters;
import dev.redao.it.model.Login;
import dev.redao.it.model.LoginDao;
import dev.redao.it.model.Score;
import dev.redao.it.model.ScoreDao;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.audit.AuditReport;
import dev.redao.runtime.audit.Finding;
import dev.redao.runtime.audit.Outcome;
import dev.redao.runtime.audit.ProblemKind;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * dao.audit() and dao.repair() of partitioned models: each partition's keys are audited as a
 * model's, and a partitioned model's unique entries, which live in the partitions of their
 * values, are checked across partitions and repaired under a claim on the value.
 */
class PartitionedAuditTest extends RedisTestSupport {
    private static final int PARTITIONS = 4;

    private String partition(int p) {
        return PartitionTags.base(ns, "login", p, PARTITIONS);
    }

    private String ofValue(String value) {
        return partition(JedisClusterCRC16.getCRC16(value) % PARTITIONS);
    }

    private String ofId(long id) {
        return partition((int) (id % PARTITIONS));
    }

    private static Set<String> named(AuditReport report, ProblemKind kind) {
        return report.examples(kind).stream().map(f -> f.key() + " " + f.id()).collect(Collectors.toSet());
    }

    @Test
    void aCleanPartitionedModelAuditsClean() {
        LoginDao logins = new LoginDao(store);
        for (int i = 0; i < 40; i++) {
            logins.save(new Login(null, "u" + i + "@x", "n" + i, i % 2 == 0 ? "DE" : "FR", 0));
        }
        ScoreDao scores = new ScoreDao(store);
        for (int i = 0; i < 30; i++) {
            scores.save(new Score(null, "g" + i % 3, i % 5 == 0 ? null : i));
        }
        AuditReport audit = logins.audit();
        assertTrue(audit.isClean(), audit.toString());
        assertEquals(40, audit.objects());
        assertTrue(logins.repair().isClean());
        AuditReport ordered = scores.audit();
        assertTrue(ordered.isClean(), ordered.toString());
        assertEquals(30, ordered.objects());
    }

    @Test
    void uniqueEntriesAcrossPartitionsAreAuditedAndRepaired() {
        LoginDao logins = new LoginDao(store);
        Login a = logins.save(new Login(null, "a@x", "na", "DE", 0));
        Login b = logins.save(new Login(null, "b@x", "nb", "DE", 0));
        Login c = logins.save(new Login(null, "c@x", "nc", "FR", 0));
        Login d = logins.save(new Login(null, "d@x", "nd", "FR", 0));
        String wrongPartition = partition((JedisClusterCRC16.getCRC16("w@x") % PARTITIONS + 1) % PARTITIONS);
        raw(j -> {
            j.hdel(ofValue("a@x") + ":uni:email", "a@x"); // missing
            j.hset(ofValue("ghost@x") + ":uni:email", "ghost@x", "9999999"); // stale: no such object
            j.hset(wrongPartition + ":uni:email", "w@x", Long.toString(a.id())); // in the wrong partition
            j.hset(ofId(c.id()) + ":obj:" + c.id(), "email", "b@x"); // c holds b's value: a duplicate; its own entry is stale
            j.hdel(ofValue("d@x") + ":uni:email", "d@x"); // d's value is claimed by a write that stopped
            j.set(ofValue("d@x") + ":claim:email:d@x", d.id() + " 1000 5");
            j.set(ofValue("z@x") + ":claim:email:z@x", "9999999 1000 5"); // a claim of an object that never wrote
            j.srem(ofId(a.id()) + ":idx:country:DE", Long.toString(a.id())); // a missing index entry, in a's partition
            return null;
        });

        AuditReport audit = logins.audit();
        assertEquals(Set.of(ofValue("a@x") + ":uni:email " + a.id()), named(audit, MISSING_UNIQUE_ENTRY), audit.toString());
        assertEquals(Set.of(ofValue("ghost@x") + ":uni:email 9999999", wrongPartition + ":uni:email " + a.id(),
                ofValue("c@x") + ":uni:email " + c.id()), named(audit, STALE_UNIQUE_ENTRY), audit.toString());
        assertEquals(Set.of(ofValue("b@x") + ":uni:email " + b.id() + "," + c.id()), named(audit, DUPLICATE_UNIQUE_VALUE),
                audit.toString());
        assertEquals(Set.of(ofValue("d@x") + ":claim:email:d@x " + d.id(), ofValue("z@x") + ":claim:email:z@x 9999999"),
                named(audit, LEFT_CLAIM), audit.toString());
        assertEquals(Set.of(ofId(a.id()) + ":idx:country:DE " + a.id()), named(audit, MISSING_INDEX_ENTRY), audit.toString());
        assertEquals(8, audit.totalFound(), audit.toString());

        AuditReport repair = logins.repair();
        for (ProblemKind kind : List.of(MISSING_UNIQUE_ENTRY, STALE_UNIQUE_ENTRY, LEFT_CLAIM, MISSING_INDEX_ENTRY)) {
            assertEquals(audit.found(kind), repair.repaired(kind), kind + ": " + repair);
        }
        Finding duplicate = repair.examples(DUPLICATE_UNIQUE_VALUE).get(0);
        assertEquals(Outcome.NOT_REPAIRED, duplicate.outcome());
        assertEquals(b.id() + "," + c.id(), duplicate.id());
        assertEquals(Long.toString(a.id()), raw(j -> j.hget(ofValue("a@x") + ":uni:email", "a@x")));
        assertEquals(Long.toString(d.id()), raw(j -> j.hget(ofValue("d@x") + ":uni:email", "d@x")), "the claim became the entry");
        assertNull(raw(j -> j.get(ofValue("z@x") + ":claim:email:z@x")));
        assertNull(raw(j -> j.hget(wrongPartition + ":uni:email", "w@x")));
        assertEquals(a, logins.getByEmail("a@x").orElseThrow());
        assertEquals(d, logins.getByEmail("d@x").orElseThrow());

        // the application settles the duplicate; then all is clean, claims included
        logins.save(new Login(c.id(), "c2@x", "nc", "FR", c.version()));
        AuditReport after = logins.audit();
        assertTrue(after.isClean(), after.toString());
        RedaoAssertions.assertConsistent(logins);
    }

    /** An object in another partition than its id's is reported, not moved. */
    @Test
    void anObjectInTheWrongPartitionIsReported() {
        LoginDao logins = new LoginDao(store);
        Login a = logins.save(new Login(null, "a@x", "na", "DE", 0));
        String elsewhere = partition((int) ((a.id() + 1) % PARTITIONS));
        raw(j -> {
            j.hset(elsewhere + ":obj:" + a.id(), "id", Long.toString(a.id()));
            j.hset(elsewhere + ":obj:" + a.id(), "email", "q@x");
            return null;
        });
        AuditReport repair = logins.repair();
        assertEquals(Set.of(elsewhere + ":obj:" + a.id() + " " + a.id()), named(repair, WRONG_PARTITION), repair.toString());
        assertEquals(1, repair.totalFound(), repair.toString());
        assertEquals("q@x", raw(j -> j.hget(elsewhere + ":obj:" + a.id(), "email")));
    }

    /** An ordered partitioned model's id sets are scored in each partition. */
    @Test
    void anOrderedPartitionedModelIsRepairedInEachPartition() {
        ScoreDao scores = new ScoreDao(store);
        List<Score> saved = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            saved.add(scores.save(new Score(null, "g", i)));
        }
        raw(j -> {
            for (Score s : saved) {
                j.zadd(PartitionTags.base(ns, "score", (int) (s.id() % 3), 3) + ":id", -5, Long.toString(s.id()));
            }
            return null;
        });
        AuditReport repair = scores.repair();
        assertEquals(12, repair.repaired(WRONG_INDEX_SCORE), repair.toString());
        assertTrue(scores.audit().isClean());
        RedaoAssertions.assertConsistent(scores);
    }

    /** Writers save logins, change and swap their values and delete them while the repair settles unique entries. */
    @Test
    void repairUnderConcurrentWritersLeavesEveryRuleHolding() throws Exception {
        LoginDao logins = new LoginDao(store);
        List<Login> saved = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            saved.add(logins.save(new Login(null, "p" + i + "@x", "np" + i, "DE", 0)));
        }
        raw(j -> {
            for (int i = 0; i < saved.size(); i += 4) {
                Login x = saved.get(i);
                if (i % 8 == 0) {
                    j.hdel(ofValue(x.email()) + ":uni:email", x.email());
                } else {
                    j.hset(ofValue("ghost" + i + "@x") + ":uni:email", "ghost" + i + "@x", Long.toString(x.id()));
                }
            }
            return null;
        });
        RepairUnderWriters.repairWhileWriting(logins, 2, 5, rnd -> {
            Login x = saved.get(rnd.nextInt(saved.size()));
            try {
                Login now = logins.get(x.id()).orElse(null);
                switch (rnd.nextInt(3)) {
                    case 0 -> logins.delete(x.id());
                    case 1 -> logins.save(new Login(x.id(), "q" + rnd.nextInt(2_000) + "@x", x.nick(), "FR",
                            now == null ? 0 : now.version()));
                    default -> logins.save(new Login(x.id(), x.email(), x.nick(), "DE", now == null ? 0 : now.version()));
                }
                return true;
            } catch (UniqueViolationException | dev.redao.runtime.OptimisticLockException e) {
                return false; // a value another writer holds, or a version that moved: refusals, not damage
            }
        });
    }
}
