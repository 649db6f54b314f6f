package dev.redao.it;

import static dev.redao.runtime.audit.ProblemKind.MISSING_INDEX_ENTRY;
import static dev.redao.runtime.audit.ProblemKind.OBJECT_NOT_IN_ID_SET;
import static dev.redao.runtime.audit.ProblemKind.STALE_INDEX_ENTRY;
import static dev.redao.runtime.audit.ProblemKind.UNUSED_INDEX_KEY;
import static dev.redao.runtime.audit.ProblemKind.WRONG_INDEX_SCORE;
import static dev.redao.runtime.audit.ProblemKind.WRONG_TYPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Resident;
import dev.redao.it.model.ResidentDao;
import dev.redao.it.model.Voter;
import dev.redao.it.model.VoterDao;
import dev.redao.it.partition.PartitionTags;
import dev.redao.it.query.Item;
import dev.redao.it.query.ItemDao;
import dev.redao.it.query.Shade;
import dev.redao.runtime.SchemaChangedException;
import dev.redao.runtime.audit.AuditReport;
import dev.redao.runtime.audit.Finding;
import dev.redao.runtime.audit.Outcome;
import dev.redao.runtime.audit.ProblemCount;
import dev.redao.runtime.audit.ProblemKind;
import dev.redao.test.ConsistencyReport;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.resps.Tuple;

/**
 * dao.audit() and dao.repair() of compound sorted indexes ({@code @Model(indexes)}): each key
 * {@code cidx:<first>:<second>:<value>} must hold exactly the live objects with that value in the
 * first field and a value in the second, scored as the second field's sorted index scores them.
 * Damage planted with plain commands is reported with the kinds of a sorted index, repaired, and
 * Redis then holds exactly the right entries; a re-index builds a new compound index and deletes
 * the keys of one the model lost.
 */
class CompoundIndexAuditTest extends RedisTestSupport {

    private String resident() {
        return base("resident");
    }

    private String schemaKey() {
        return resident() + ":schema";
    }

    private static Set<String> named(AuditReport report, ProblemKind kind) {
        return report.examples(kind).stream().map(f -> f.key() + " " + f.id()).collect(Collectors.toSet());
    }

    private static Finding only(AuditReport report, ProblemKind kind, String key, Object id) {
        return report.examples(kind).stream().filter(f -> f.key().equals(key) && f.id().equals(id.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " of " + key + " " + id + " in " + report));
    }

    /** Every compound index key under these bases, with its members and their scores, as Redis holds them. */
    private Map<String, Map<String, Double>> compoundKeys(Collection<String> bases) {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        for (String key : keys()) {
            if (bases.stream().anyMatch(b -> key.startsWith(b + ":cidx:"))) {
                List<Tuple> members = raw(j -> j.zrangeWithScores(key, 0, -1));
                Map<String, Double> scores = new TreeMap<>();
                members.forEach(t -> scores.put(t.getElement(), t.getScore()));
                out.put(key, scores);
            }
        }
        return out;
    }

    private Map<String, Map<String, Double>> compoundKeys() {
        return compoundKeys(List.of(resident()));
    }

    /** What the compound index keys of these residents must hold: the contract of ModelSchema.CompoundIndex. */
    private Map<String, Map<String, Double>> expected(Collection<Resident> residents) {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        for (Resident r : residents) {
            if (r.country() == null) {
                continue;
            }
            out.computeIfAbsent(resident() + ":cidx:country:age:" + r.country(), k -> new TreeMap<>())
                    .put(r.id().toString(), (double) r.age());
            if (r.rank() != null) {
                out.computeIfAbsent(resident() + ":cidx:country:rank:" + r.country(), k -> new TreeMap<>())
                        .put(r.id().toString(), (double) r.rank());
            }
        }
        return out;
    }

    private static Resident r(String name, String country, int age, Integer rank) {
        return new Resident(null, country, age, rank, name);
    }

    private List<Resident> saveMany(ResidentDao dao, int count) {
        List<Resident> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String country = i % 10 == 9 ? null : i % 3 == 0 ? "DE" : i % 3 == 1 ? "FR" : "IT";
            batch.add(r("r" + i, country, i % 80, i % 4 == 3 ? null : i % 50));
        }
        return dao.saveAll(batch);
    }

    @Test
    void aCleanModelAuditsCleanAndItsCompoundKeysAreExact() {
        ResidentDao dao = new ResidentDao(store);
        List<Resident> saved = saveMany(dao, 300);
        assertEquals(expected(saved), compoundKeys(), "the writes keep the compound keys exact");
        SortedMap<String, String> before = snapshot();

        AuditReport audit = dao.audit();
        assertTrue(audit.isClean(), audit.toString());
        assertEquals(300, audit.objects());
        long withCountry = saved.stream().filter(x -> x.country() != null).count();
        long withRank = saved.stream().filter(x -> x.rank() != null).count();
        long withBoth = saved.stream().filter(x -> x.country() != null && x.rank() != null).count();
        // the id set, idx:age, idx:rank and the country sets, then cidx:country:age:* and cidx:country:rank:*
        assertEquals(300 + 300 + withRank + withCountry + withCountry + withBoth, audit.entries(), audit.toString());
        assertTrue(dao.repair().isClean());
        assertUnchanged(before);
        RedaoAssertions.assertConsistent(dao);
    }

    /**
     * The query tests' Item pairs fields of every kind (an enum and an Integer, a String and a
     * Double, a Boolean and an Instant, a UUID and a long): the audit scores each as the writes do,
     * and a repair rebuilds the compound keys the writes made, byte for byte.
     */
    @Test
    void theAuditScoresEveryKindOfSecondFieldAsTheWritesDo() {
        ItemDao dao = new ItemDao(store);
        Random rnd = new Random(7);
        List<java.util.UUID> refs = List.of(new java.util.UUID(1, 2), new java.util.UUID(3, 4), new java.util.UUID(5, 6));
        List<Item> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(new Item(null, rnd.nextInt(5) == 0 ? null : "n" + rnd.nextInt(8),
                    rnd.nextInt(5) == 0 ? null : Shade.values()[rnd.nextInt(Shade.values().length)],
                    rnd.nextInt(4) == 0 ? null : rnd.nextBoolean(), null, rnd.nextInt(4) == 0 ? null : refs.get(rnd.nextInt(3)),
                    rnd.nextInt(4) == 0 ? null : rnd.nextInt(200) - 100, rnd.nextLong() % 1_000_000_000_000L,
                    rnd.nextInt(4) == 0 ? null : (rnd.nextInt(81) - 40) * 0.25 + rnd.nextDouble() / 1e6,
                    null, rnd.nextInt(4) == 0 ? null : java.time.Instant.ofEpochMilli(1_700_000_000_000L + rnd.nextInt(1_000_000_000)),
                    null, null, null, null, null));
        }
        dao.saveAll(batch);
        List<String> bases = List.of(base("qitem"));
        Map<String, Map<String, Double>> written = compoundKeys(bases);
        assertTrue(written.keySet().stream().anyMatch(k -> k.contains(":cidx:ref:qty:")), written.keySet().toString());
        SortedMap<String, String> before = snapshot();
        AuditReport audit = dao.audit();
        assertTrue(audit.isClean(), audit.toString());
        RedaoAssertions.assertConsistent(dao);

        written.keySet().forEach(key -> raw(j -> j.del(key)));
        AuditReport repair = dao.repair();
        long entries = written.values().stream().mapToLong(Map::size).sum();
        assertEquals(entries, repair.repaired(MISSING_INDEX_ENTRY), repair.toString());
        assertEquals(entries, repair.totalFound(), repair.toString());
        assertUnchanged(before);
    }

    @Test
    void eachKindOfDamageToACompoundIndexIsReportedAndRepaired() {
        ResidentDao dao = new ResidentDao(store);
        Resident ann = dao.save(r("ann", "DE", 30, 1));
        Resident bob = dao.save(r("bob", "FR", 31, 2));
        Resident carl = dao.save(r("carl", "DE", 32, 3));
        Resident dan = dao.save(r("dan", "DE", 33, null));
        Resident eve = dao.save(r("eve", null, 34, 5));
        Resident frank = dao.save(r("frank", "FR", 35, 6));
        Resident gina = dao.save(r("gina", "DE", 36, 7));
        List<Resident> all = List.of(ann, bob, carl, dan, eve, frank, gina);
        assertEquals(expected(all), compoundKeys());
        String b = resident();
        String deAge = b + ":cidx:country:age:DE";
        String deRank = b + ":cidx:country:rank:DE";
        String frAge = b + ":cidx:country:age:FR";
        String frRank = b + ":cidx:country:rank:FR";
        raw(j -> {
            j.zrem(deAge, ann.id().toString()); // missing
            j.zadd(deAge, 99, carl.id().toString()); // wrong score
            j.zadd(frRank, 50, frank.id().toString()); // wrong score
            j.zadd(deAge, 5, "9999999"); // stale: no such object
            j.zadd(deAge, 31, bob.id().toString()); // stale: left under bob's old country
            j.zadd(deRank, 0, dan.id().toString()); // stale: dan has no rank
            j.zadd(frAge, 34, eve.id().toString()); // stale: eve has no country
            j.zrem(deRank, gina.id().toString()); // gina leaves the id set without her entry: restored with it
            j.srem(b + ":id", gina.id().toString());
            return null;
        });

        AuditReport audit = dao.audit();
        assertEquals(Set.of(deAge + " " + ann.id()), named(audit, MISSING_INDEX_ENTRY), audit.toString());
        assertEquals(Set.of(deAge + " " + carl.id(), frRank + " " + frank.id()), named(audit, WRONG_INDEX_SCORE));
        assertEquals(Set.of(deAge + " 9999999", deAge + " " + bob.id(), deRank + " " + dan.id(), frAge + " " + eve.id()),
                named(audit, STALE_INDEX_ENTRY));
        assertEquals(Set.of(b + ":obj:" + gina.id() + " " + gina.id()), named(audit, OBJECT_NOT_IN_ID_SET));
        assertEquals(8, audit.totalFound(), audit.toString());
        Finding missing = only(audit, MISSING_INDEX_ENTRY, deAge, ann.id());
        assertEquals("DE", missing.value());
        assertEquals("live object is missing from the compound index (country, age)", missing.description());
        assertEquals("compound index scores the object 99, a save gives 32 (its age 32)",
                only(audit, WRONG_INDEX_SCORE, deAge, carl.id()).description());
        assertEquals("compound index names an id that is not a live object",
                only(audit, STALE_INDEX_ENTRY, deAge, "9999999").description());
        Finding moved = only(audit, STALE_INDEX_ENTRY, deAge, bob.id());
        assertEquals("DE", moved.value());
        assertEquals("compound index holds an object whose country is \"FR\"", moved.description());
        assertEquals("compound index holds an object whose rank is absent",
                only(audit, STALE_INDEX_ENTRY, deRank, dan.id()).description());
        assertEquals("compound index holds an object whose country is absent",
                only(audit, STALE_INDEX_ENTRY, frAge, eve.id()).description());
        for (ProblemCount count : audit.problems()) {
            count.examples().forEach(f -> assertEquals(Outcome.FOUND, f.outcome()));
        }
        // redao-test's checker, which reads every key at once, finds the same damage in the compound keys
        ConsistencyReport checked = RedaoAssertions.check(dao);
        Set<String> checkerSays = checked.problems().stream().filter(p -> p.key().startsWith(b + ":cidx:"))
                .filter(p -> !gina.id().toString().equals(p.id())) // not live for the checker: every entry of hers is a problem
                .map(p -> p.key() + " " + p.id()).collect(Collectors.toSet());
        Set<String> auditSays = new java.util.HashSet<>();
        for (ProblemKind kind : List.of(MISSING_INDEX_ENTRY, WRONG_INDEX_SCORE, STALE_INDEX_ENTRY)) {
            auditSays.addAll(named(audit, kind));
        }
        assertEquals(auditSays, checkerSays, checked.toString());
        SortedMap<String, String> damaged = snapshot();
        dao.audit();
        assertUnchanged(damaged);

        AuditReport repair = dao.repair();
        for (ProblemKind kind : List.of(MISSING_INDEX_ENTRY, WRONG_INDEX_SCORE, STALE_INDEX_ENTRY, OBJECT_NOT_IN_ID_SET)) {
            assertEquals(audit.found(kind), repair.repaired(kind), kind + ": " + repair);
        }
        assertEquals(8, repair.totalFound(), repair.toString());
        AuditReport after = dao.audit();
        assertTrue(after.isClean(), after.toString());
        assertEquals(expected(all), compoundKeys(), "Redis holds exactly the right compound entries");
        assertEquals(7.0, score(deRank, gina.id().toString()), "gina is restored with her compound entries");
        RedaoAssertions.assertConsistent(dao);
    }

    @Test
    void aCompoundKeyOfAnotherPairOfFieldsIsUnusedAndOneOfTheWrongTypeIsReported() {
        ResidentDao dao = new ResidentDao(store);
        Resident ann = dao.save(r("ann", "DE", 30, 1));
        Resident bob = dao.save(r("bob", "FR", 31, 2));
        String b = resident();
        List<String> unused = List.of(b + ":cidx:country:name:DE", b + ":cidx:age:country:30", b + ":cidx:country:age");
        raw(j -> {
            unused.forEach(key -> j.zadd(key, 1, ann.id().toString()));
            j.set(b + ":cidx:country:age:IT", "not a sorted set"); // no one's key: found by the walk
            j.del(b + ":cidx:country:rank:FR");
            j.set(b + ":cidx:country:rank:FR", "not a sorted set"); // bob's: found with bob, reported once
            return null;
        });
        Set<String> checkerSays = RedaoAssertions.check(dao).problems().stream().map(p -> p.key()).collect(Collectors.toSet());
        assertTrue(checkerSays.containsAll(unused), checkerSays.toString());
        assertTrue(checkerSays.containsAll(Set.of(b + ":cidx:country:age:IT", b + ":cidx:country:rank:FR")), checkerSays.toString());

        AuditReport audit = dao.audit();
        assertEquals(Set.copyOf(unused), audit.examples(UNUSED_INDEX_KEY).stream().map(Finding::key).collect(Collectors.toSet()),
                audit.toString());
        assertEquals(Set.of(b + ":cidx:country:age:IT", b + ":cidx:country:rank:FR"),
                audit.examples(WRONG_TYPE).stream().map(Finding::key).collect(Collectors.toSet()), audit.toString());
        assertEquals(5, audit.totalFound(), audit.toString());

        AuditReport repair = dao.repair();
        assertEquals(3, repair.repaired(UNUSED_INDEX_KEY), repair.toString());
        assertEquals(2, repair.count(WRONG_TYPE).notRepaired(), repair.toString());
        unused.forEach(key -> assertFalse(exists(key), key));
        assertEquals("string", type(b + ":cidx:country:rank:FR"), "a key of the wrong type is left as it is");

        raw(j -> j.del(b + ":cidx:country:age:IT", b + ":cidx:country:rank:FR"));
        AuditReport rebuilt = dao.repair();
        assertEquals(Set.of(b + ":cidx:country:rank:FR " + bob.id()), named(rebuilt, MISSING_INDEX_ENTRY), rebuilt.toString());
        assertEquals(1, rebuilt.totalFound(), rebuilt.toString());
        assertEquals(expected(List.of(ann, bob)), compoundKeys());
        RedaoAssertions.assertConsistent(dao);
    }

    /** As SchemaTest plants it: the stored objects were written by a DAO of this layout, recorded as version 1. */
    private void storeLayout(String layout) {
        raw(jedis -> jedis.hset(schemaKey(), Map.of("version", "1", "layout", layout)));
    }

    @Test
    void aReindexBuildsEveryEntryOfNewCompoundIndexes() {
        ResidentDao writer = new ResidentDao(store);
        List<Resident> saved = saveMany(writer, 500);
        String layout = hash(schemaKey()).get("layout");
        assertTrue(layout.contains("field country index compound age compound rank\n"), layout);
        // as if the model had had no compound index when the objects were written
        storeLayout(layout.replace(" compound age compound rank", ""));
        for (String key : compoundKeys().keySet()) {
            raw(jedis -> jedis.del(key));
        }

        ResidentDao dao = new ResidentDao(store);
        SchemaChangedException e = assertThrows(SchemaChangedException.class, dao::count);
        assertEquals(List.of("field country was 'index', is 'index compound age compound rank'"), e.differences());
        assertTrue(e.reindexable());

        AuditReport report = dao.reindex();
        long entries = expected(saved).values().stream().mapToLong(Map::size).sum();
        assertEquals(entries, report.found(MISSING_INDEX_ENTRY), report.toString());
        assertEquals(entries, report.repaired(MISSING_INDEX_ENTRY), report.toString());
        assertEquals(entries, report.totalFound(), report.toString());
        assertEquals(Map.of("version", "2", "layout", layout), hash(schemaKey()));
        assertEquals(expected(saved), compoundKeys(), "every compound entry is built, with its score");
        assertTrue(dao.audit().isClean());
        RedaoAssertions.assertConsistent(dao);
    }

    @Test
    void keysOfACompoundIndexTheModelLostAreDeletedByTheReindex() {
        ResidentDao writer = new ResidentDao(store);
        List<Resident> saved = saveMany(writer, 30);
        String layout = hash(schemaKey()).get("layout");
        // as if the model had had a sorted field since, with a compound index (country, since)
        storeLayout(layout.replace("compound rank\n", "compound rank compound since\n") + "field since sorted\n");
        List<String> lost = List.of(resident() + ":cidx:country:since:DE", resident() + ":cidx:country:since:FR",
                resident() + ":idx:since");
        raw(jedis -> {
            lost.forEach(key -> jedis.zadd(key, 2001, saved.get(0).id().toString()));
            return null;
        });

        ResidentDao dao = new ResidentDao(store);
        SchemaChangedException e = assertThrows(SchemaChangedException.class, () -> dao.get(1L));
        assertTrue(e.differences().contains("field since is gone"), e.differences().toString());
        AuditReport report = dao.reindex();
        assertEquals(3, report.repaired(UNUSED_INDEX_KEY), report.toString());
        assertEquals(3, report.totalFound(), report.toString());
        lost.forEach(key -> assertFalse(exists(key), key));
        assertEquals(Map.of("version", "2", "layout", layout), hash(schemaKey()));
        assertEquals(expected(saved), compoundKeys(), "the model's own compound keys are left as they are");
        RedaoAssertions.assertConsistent(dao);
    }

    /** A partitioned model keeps each object's compound entries in its own partition, and each partition is audited apart. */
    @Test
    void aPartitionedModelsCompoundKeysAreAuditedAndRepairedInEachPartition() {
        int partitions = 4;
        List<String> bases = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            bases.add(PartitionTags.base(ns, "voter", p, partitions));
        }
        VoterDao dao = new VoterDao(store);
        List<Voter> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(new Voter(null, i % 2 == 0 ? "DE" : "FR", 18 + i));
        }
        List<Voter> saved = dao.saveAll(batch);
        Map<String, Map<String, Double>> expected = new TreeMap<>();
        for (Voter v : saved) {
            String key = bases.get((int) (v.id() % partitions)) + ":cidx:country:age:" + v.country();
            expected.computeIfAbsent(key, k -> new TreeMap<>()).put(v.id().toString(), (double) v.age());
        }
        assertEquals(expected, compoundKeys(bases));
        assertTrue(dao.audit().isClean());

        Voter first = saved.get(0); // DE
        Voter second = saved.get(1); // FR, in the next partition
        String own = bases.get((int) (first.id() % partitions)) + ":cidx:country:age:DE";
        String other = bases.get((int) (second.id() % partitions)) + ":cidx:country:age:DE";
        raw(j -> {
            j.zrem(own, first.id().toString()); // missing in its partition
            j.zadd(other, 1, first.id().toString()); // an entry in another partition: no live object there
            return null;
        });
        AuditReport audit = dao.audit();
        assertEquals(Set.of(own + " " + first.id()), named(audit, MISSING_INDEX_ENTRY), audit.toString());
        assertEquals(Set.of(other + " " + first.id()), named(audit, STALE_INDEX_ENTRY), audit.toString());
        assertEquals(2, audit.totalFound(), audit.toString());
        AuditReport repair = dao.repair();
        assertEquals(1, repair.repaired(MISSING_INDEX_ENTRY), repair.toString());
        assertEquals(1, repair.repaired(STALE_INDEX_ENTRY), repair.toString());
        assertEquals(expected, compoundKeys(bases));
        assertTrue(dao.audit().isClean());
        RedaoAssertions.assertConsistent(dao);
    }

    /** Writers move residents between countries, ages and ranks while the repair runs: it never undoes a write. */
    @Test
    void repairUnderConcurrentWritersLeavesTheCompoundKeysExact() throws Exception {
        ResidentDao dao = new ResidentDao(store);
        List<Resident> saved = saveMany(dao, 1_000);
        String b = resident();
        raw(j -> {
            for (int i = 0; i < saved.size(); i += 10) {
                Resident x = saved.get(i);
                String id = x.id().toString();
                switch ((i / 10) % 4) {
                    case 0 -> j.zrem(b + ":cidx:country:age:" + x.country(), id);
                    case 1 -> j.zadd(b + ":cidx:country:age:ES", x.age(), id);
                    case 2 -> j.zadd(b + ":cidx:country:rank:" + x.country(), -1, id);
                    default -> j.zadd(b + ":cidx:country:age:DE", 1, Long.toString(90_000_000L + i));
                }
            }
            return null;
        });
        RepairUnderWriters.repairWhileWriting(dao, 3, 41, rnd -> {
            Resident x = saved.get(rnd.nextBoolean() ? rnd.nextInt(saved.size()) : 10 * rnd.nextInt(saved.size() / 10));
            switch (rnd.nextInt(5)) {
                case 0 -> dao.delete(x.id());
                case 1 -> dao.save(x.withCountry(rnd.nextInt(4) == 0 ? null : rnd.nextBoolean() ? "DE" : "ES"));
                case 2 -> dao.save(x.withAge(rnd.nextInt(90)));
                case 3 -> dao.save(x.withRank(rnd.nextBoolean() ? null : rnd.nextInt(50)));
                default -> dao.save(x);
            }
            return true;
        });
    }
}
