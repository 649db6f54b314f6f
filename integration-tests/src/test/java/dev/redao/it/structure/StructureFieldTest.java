package dev.redao.it.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.structure.Notebook.Mood;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.Saved;
import dev.redao.runtime.Transaction;
import dev.redao.runtime.audit.AuditReport;
import dev.redao.runtime.audit.ProblemKind;
import dev.redao.runtime.structure.RedisList;
import dev.redao.runtime.structure.RedisMap;
import dev.redao.runtime.structure.RedisSortedSet;
import dev.redao.runtime.structure.Scored;
import dev.redao.runtime.structure.TimePoint;
import dev.redao.runtime.structure.TimeSeries;
import dev.redao.runtime.tools.ModelStats;
import dev.redao.test.RedaoAssertions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Structure fields (python-stdnet's ListField, SetField, HashField, TimeSeriesField): each lives
 * under its own key next to its object's hash, in the object's hash tag, is changed element by
 * element in one script per call, refuses writes to a missing object, and goes with its object
 * on every delete path.
 */
class StructureFieldTest extends RedisTestSupport {
    private NotebookDao notebooks;
    private BoardDao boards;
    private SensorDao sensors;

    @BeforeEach
    void daos() {
        notebooks = new NotebookDao(store);
        boards = new BoardDao(store);
        sensors = new SensorDao(store);
    }

    private String structureKey(String field, Object id) {
        return base("pinboard") + ":notebook:st:" + field + ":" + id;
    }

    private Notebook newNotebook(String title) {
        return notebooks.save(new Notebook(null, title, null));
    }

    @Test
    void aListIsPushedPoppedReadAndTrimmedInPlace() {
        Notebook n = newNotebook("n");
        RedisList<String> comments = notebooks.comments(n.id());
        assertEquals(2, comments.push("first", "second"));
        assertEquals(3, comments.pushFront("zeroth"));
        assertEquals(List.of("zeroth", "first", "second"), comments.items());
        assertEquals("list", type(structureKey("comments", n.id())));
        assertEquals(List.of("first", "second"), comments.range(1, -1));
        assertEquals(Optional.of("zeroth"), comments.popFirst());
        assertEquals(Optional.of("second"), comments.popLast());
        comments.push("a", "b", "c");
        comments.trim(-2, -1);
        assertEquals(List.of("b", "c"), comments.items());
        assertEquals(2, comments.size());
        // the object's hash holds none of it, and a save leaves the structure alone
        assertFalse(hash(base("pinboard") + ":notebook:obj:" + n.id()).containsKey("comments"));
        notebooks.save(new Notebook(n.id(), "renamed", null));
        assertEquals(List.of("b", "c"), comments.items());
        // a loaded object holds the same structure's handle
        assertEquals(List.of("b", "c"), notebooks.get(n.id()).orElseThrow().comments().items());
        assertEquals(List.of("b", "c"), n.comments().items(), "the saved object holds the handle too");
        fill(n.id());
        ModelStats stats = notebooks.stats();
        assertEquals(5, stats.structureKeys(), stats.toString());
        assertEquals(keys().stream().filter(k -> k.startsWith(base("pinboard") + ":notebook:")).count(), stats.totalKeys());
        RedaoAssertions.assertConsistent(notebooks);
        assertTrue(notebooks.audit().isClean(), "a structure's key is its object's, not a stray key");
        comments.clear();
        assertEquals(List.of(), comments.items());
        assertEquals(Optional.empty(), comments.popFirst());
    }

    @Test
    void aSetOfEnumsASortedSetAndAMapKeepTheirElementsTyped() {
        Notebook n = newNotebook("n");
        assertEquals(2, notebooks.moods(n.id()).add(Mood.HAPPY, Mood.CURIOUS));
        assertEquals(0, notebooks.moods(n.id()).add(Mood.HAPPY));
        assertEquals(Set.of(Mood.HAPPY, Mood.CURIOUS), notebooks.moods(n.id()).members());
        assertTrue(notebooks.moods(n.id()).contains(Mood.CURIOUS));
        assertEquals(1, notebooks.moods(n.id()).remove(Mood.CURIOUS, Mood.SAD));
        assertEquals(Set.of("HAPPY"), members(structureKey("moods", n.id())), "stored by name, as an enum field is");

        RedisSortedSet<String> votes = notebooks.votes(n.id());
        assertTrue(votes.add("ann", 3));
        assertTrue(votes.add("bob", 7.5));
        assertFalse(votes.add("ann", 9), "a member given a new score");
        assertEquals(List.of(new Scored<>("bob", 7.5), new Scored<>("ann", 9.0)), votes.range(0, -1));
        assertEquals(List.of(new Scored<>("bob", 7.5)), votes.rangeByScore(Double.NEGATIVE_INFINITY, 8));
        assertEquals(OptionalLong.of(1), votes.rank("ann"));
        assertEquals(OptionalDouble.of(9), votes.score("ann"));
        assertEquals(OptionalDouble.empty(), votes.score("carl"));
        assertTrue(votes.remove("bob"));
        assertEquals(1, votes.size());

        RedisMap<String, Instant> seen = notebooks.seen(n.id());
        Instant when = Instant.parse("2026-12-04T10:15:30.123Z");
        assertTrue(seen.put("ann", when));
        assertFalse(seen.put("ann", when.plusSeconds(1)));
        assertEquals(Optional.of(when.plusSeconds(1)), seen.get("ann"));
        assertEquals(Map.of("ann", when.plusSeconds(1)), seen.entries());
        assertEquals("2026-12-04T10:15:31.123Z", hash(structureKey("seen", n.id())).get("ann"));
        assertTrue(seen.remove("ann"));
        assertEquals(Optional.empty(), seen.get("ann"));
    }

    @Test
    void aTimeSeriesHoldsOneValuePerMillisecondAndReadsByTime() {
        Notebook n = newNotebook("n");
        TimeSeries<Double> readings = notebooks.readings(n.id());
        Instant t0 = Instant.parse("2026-12-04T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            readings.append(t0.plusSeconds(i), i * 1.5);
        }
        readings.append(t0.plusSeconds(2), 99.0); // replaces the value at that millisecond
        assertEquals(5, readings.size());
        assertEquals(List.of(new TimePoint<>(t0.plusSeconds(1), 1.5), new TimePoint<>(t0.plusSeconds(2), 99.0)),
                readings.range(t0.plusSeconds(1), t0.plusSeconds(2)));
        assertEquals(List.of(new TimePoint<>(t0.plusSeconds(3), 4.5), new TimePoint<>(t0.plusSeconds(4), 6.0)),
                readings.last(2));
        assertEquals(t0.plusSeconds(2).toEpochMilli(), score(structureKey("readings", n.id()), t0.plusSeconds(2).toEpochMilli() + ":99.0"));
    }

    @Test
    void getWithStructuresReadsTheObjectAndEveryStructureInOneScript() {
        Notebook n = newNotebook("n");
        fill(n.id());
        notebooks.comments(n.id()).push("d");
        Map<String, Long> calls = commandDelta(() -> notebooks.getWithStructures(n.id()));
        assertEquals(1L, calls.entrySet().stream().filter(e -> SCRIPT_CALLS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum(), "one script: " + calls);
        for (Map.Entry<String, Long> inside : Map.of("hmget", 1L, "lrange", 1L, "smembers", 1L, "zrange", 2L, "hgetall", 1L).entrySet()) {
            assertEquals(inside.getValue(), calls.get(inside.getKey()), "each structure read once, in the script: " + calls);
        }
        Notebook loaded = notebooks.getWithStructures(n.id()).orElseThrow();
        assertEquals("n", loaded.title());
        assertEquals(Optional.of(List.of("c", "d")), loaded.comments().loaded());
        assertEquals(Optional.of(Set.of(Mood.SAD)), loaded.moods().loaded());
        assertEquals(Optional.of(List.of(new Scored<>("v", 1.0))), loaded.votes().loaded());
        assertEquals(Optional.of(Map.of("s", Instant.EPOCH)), loaded.seen().loaded());
        assertEquals(Optional.of(List.of(new TimePoint<>(Instant.EPOCH, 1.0))), loaded.readings().loaded());
        // an object loaded otherwise has its handles, nothing loaded in them
        assertEquals(Optional.empty(), notebooks.get(n.id()).orElseThrow().comments().loaded());
        assertEquals(Optional.empty(), notebooks.getWithStructures(404L));
        // a structure never written reads as empty with its object
        Notebook bare = newNotebook("bare");
        assertEquals(Optional.of(List.of()), notebooks.getWithStructures(bare.id()).orElseThrow().comments().loaded());
        assertEquals(Optional.of(Map.of()), notebooks.getWithStructures(bare.id()).orElseThrow().seen().loaded());
        // a class of a partitioned model too
        sensors.save(new Sensor("s-3", "attic")).getSamples().append(Instant.ofEpochMilli(3), 30L);
        assertEquals(Optional.of(List.of(new TimePoint<>(Instant.ofEpochMilli(3), 30L))),
                sensors.getWithStructures("s-3").orElseThrow().getSamples().loaded());
    }

    @Test
    void aWriteToTheStructureOfAMissingObjectIsRefusedAndWritesNothing() {
        SortedMap<String, String> before = snapshot();
        MissingObjectException e = assertThrows(MissingObjectException.class, () -> notebooks.comments(404L).push("x"));
        assertTrue(e.getMessage().contains("notebook id 404 does not exist, so its list 'comments' cannot be written"), e.getMessage());
        assertEquals(404L, e.id());
        assertThrows(MissingObjectException.class, () -> notebooks.readings(404L).append(Instant.now(), 1.0));
        assertThrows(MissingObjectException.class, () -> notebooks.seen(404L).put("a", Instant.now()));
        assertUnchanged(before);
        // reads of a missing object's structure read as empty
        assertEquals(List.of(), notebooks.comments(404L).items());
        assertEquals(Set.of(), notebooks.moods(404L).members());
    }

    @Test
    void badArgumentsAndAKeyOfAnotherTypeAreRefusedWithTypedErrors() {
        Notebook n = newNotebook("n");
        assertThrows(InvalidArgumentException.class, () -> notebooks.comments(n.id()).push("a", null));
        assertThrows(InvalidArgumentException.class, () -> notebooks.comments(n.id()).push());
        assertThrows(InvalidArgumentException.class, () -> notebooks.votes(n.id()).add("a", Double.NaN));
        assertThrows(InvalidArgumentException.class, () -> notebooks.readings(n.id()).last(0));
        assertThrows(InvalidArgumentException.class, () -> notebooks.comments((Long) null));
        assertEquals(List.of(), notebooks.comments(n.id()).items(), "nothing was written");
        raw(jedis -> jedis.set(structureKey("votes", n.id()), "not a sorted set"));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> notebooks.votes(n.id()).add("a", 1));
        assertTrue(e.getMessage().contains(structureKey("votes", n.id()) + " holds a string where a sorted set belongs"), e.getMessage());
        assertThrows(CorruptDataException.class, () -> notebooks.votes(n.id()).size());
        assertEquals("not a sorted set", raw(jedis -> jedis.get(structureKey("votes", n.id()))));
    }

    /** Every structure of the notebook has an element, so each has a key. */
    private void fill(Long id) {
        notebooks.comments(id).push("c");
        notebooks.moods(id).add(Mood.SAD);
        notebooks.votes(id).add("v", 1);
        notebooks.seen(id).put("s", Instant.EPOCH);
        notebooks.readings(id).append(Instant.EPOCH, 1.0);
    }

    private List<String> structureKeysOf(Long id) {
        return keys().stream().filter(k -> k.contains(":st:") && k.endsWith(":" + id)).toList();
    }

    @Test
    void structuresGoWithTheirObjectOnEveryDeletePath() {
        Board board = boards.save(new Board(null, "b"));
        Notebook one = newNotebook("one");
        Notebook two = newNotebook("two");
        Notebook three = newNotebook("three");
        Notebook four = newNotebook("four");
        Notebook pinned = notebooks.save(new Notebook(null, "pinned", board.id()));
        for (Notebook n : List.of(one, two, three, four, pinned)) {
            fill(n.id());
            assertEquals(5, structureKeysOf(n.id()).size());
        }
        notebooks.delete(one.id()); // the single-object script
        notebooks.deleteAll(List.of(two.id())); // the same, through deleteAll
        store.transaction(tx -> tx.delete(notebooks, three.id())); // the write module
        notebooks.query().filter(NotebookQuery.title.eq("four")).delete(); // a query's delete
        boards.delete(board.id()); // a CASCADE from the board
        for (Notebook n : List.of(one, two, three, four, pinned)) {
            assertEquals(List.of(), structureKeysOf(n.id()), n.title());
        }
        assertEquals(0, notebooks.count());
        RedaoAssertions.assertConsistent(notebooks);
        // a structure key left without its object is what the key checker reports
        raw(jedis -> jedis.rpush(structureKey("comments", 999), "orphan"));
        AssertionError orphan = assertThrows(AssertionError.class, () -> RedaoAssertions.assertConsistent(notebooks));
        assertTrue(orphan.getMessage().contains("structure field of an id that is not a live object"), orphan.getMessage());
    }

    @Test
    void aTransactionSavesTheObjectAndWritesItsStructuresInOneScript() {
        Notebook n = newNotebook("draft");
        notebooks.comments(n.id()).push("before");
        Map<String, Long> calls = commandDelta(() -> store.transaction(tx -> {
            tx.save(notebooks, new Notebook(n.id(), "published", null));
            notebooks.comments(n.id()).push(tx, "published!");
            notebooks.moods(n.id()).add(tx, Mood.HAPPY);
            notebooks.votes(n.id()).add(tx, "ann", 2);
            notebooks.seen(n.id()).put(tx, "ann", Instant.EPOCH);
            notebooks.readings(n.id()).append(tx, Instant.ofEpochMilli(5), 1.0);
        }));
        assertEquals(1L, calls.entrySet().stream().filter(e -> SCRIPT_CALLS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum(), "one script: " + calls);
        assertEquals("published", notebooks.get(n.id()).orElseThrow().title());
        assertEquals(List.of("before", "published!"), notebooks.comments(n.id()).items());
        assertEquals(Set.of(Mood.HAPPY), notebooks.moods(n.id()).members());
        assertEquals(OptionalDouble.of(2), notebooks.votes(n.id()).score("ann"));
        assertEquals(Optional.of(Instant.EPOCH), notebooks.seen(n.id()).get("ann"));
        assertEquals(List.of(new TimePoint<>(Instant.ofEpochMilli(5), 1.0)), notebooks.readings(n.id()).last(1));

        // a new object with its own id, and its structure, in one transaction
        store.transaction(tx -> {
            tx.save(sensors, new Sensor("s-2", "cellar"));
            sensors.samples("s-2").append(tx, Instant.ofEpochMilli(7), 12L);
        });
        assertEquals(List.of(12L), sensors.samples("s-2").last(5).stream().map(TimePoint::value).toList());
    }

    @Test
    void aNewObjectAndItsStructuresAreWrittenInOneScriptBeforeItsIdIsKnown() {
        notebooks.schemaVersion(); // the DAO's first call reads the stored schema: one round trip, once
        Saved<Notebook> saved;
        try (Transaction tx = store.beginTransaction()) {
            saved = tx.save(notebooks, new Notebook(null, "fresh", null));
            notebooks.comments(saved).push(tx, "first", "second");
            notebooks.readings(saved).append(tx, Instant.ofEpochMilli(9), 9.0);
            Map<String, Long> calls = commandDelta(tx::commit);
            assertEquals(1L, calls.entrySet().stream().filter(e -> SCRIPT_CALLS.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum(), "one script: " + calls);
        }
        Long id = saved.get().id();
        assertEquals(List.of("first", "second"), notebooks.comments(id).items());
        assertEquals(List.of("first", "second"), notebooks.comments(saved).items(), "the handle finds the object once committed");
        assertEquals(1, notebooks.readings(id).size());
        // a save's handle belongs to the save's transaction
        Saved<Notebook> other;
        try (Transaction first = store.beginTransaction(); Transaction second = store.beginTransaction()) {
            other = first.save(notebooks, new Notebook(null, "other", null));
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> notebooks.comments(other).push(second, "x"));
            assertTrue(e.getMessage().contains("saved by another transaction"), e.getMessage());
        }
        assertEquals(1, notebooks.count(), "nothing of the discarded transactions was written");
    }

    @Test
    void aTransactionWhoseStructureWriteIsRefusedWritesNothing() {
        Notebook n = newNotebook("n");
        notebooks.comments(n.id()).push("kept");
        SortedMap<String, String> before = snapshot();
        // the object is deleted by the same transaction: its structure cannot be written
        MissingObjectException missing = assertThrows(MissingObjectException.class, () -> store.transaction(tx -> {
            tx.delete(notebooks, n.id());
            notebooks.comments(n.id()).push(tx, "lost");
        }));
        assertTrue(missing.getMessage().contains("does not exist once the transaction's writes are done, so its structure 'comments'"),
                missing.getMessage());
        assertThrows(MissingObjectException.class, () -> store.transaction(tx -> {
            tx.save(notebooks, new Notebook(n.id(), "renamed", null));
            notebooks.comments(404L).push(tx, "nobody's");
        }));
        // a key of another type refuses the whole transaction before anything is written
        raw(jedis -> jedis.set(structureKey("votes", n.id()), "not a sorted set"));
        SortedMap<String, String> withBadKey = snapshot();
        assertThrows(CorruptDataException.class, () -> store.transaction(tx -> {
            tx.save(notebooks, new Notebook(n.id(), "renamed", null));
            notebooks.votes(n.id()).add(tx, "ann", 1);
        }));
        assertUnchanged(withBadKey);
        raw(jedis -> jedis.del(structureKey("votes", n.id())));
        assertUnchanged(before);
    }

    @Test
    void theAuditFindsAndTheRepairDeletesStructureKeysOfNoObject() {
        Notebook n = newNotebook("n");
        fill(n.id());
        raw(jedis -> jedis.rpush(structureKey("comments", 999), "orphan"));
        raw(jedis -> jedis.sadd(structureKey("dropped", n.id()), "of a field the model no longer has"));
        AuditReport found = notebooks.audit();
        assertEquals(1, found.found(ProblemKind.ORPHAN_STRUCTURE), found.toString());
        assertEquals(structureKey("comments", 999), found.examples(ProblemKind.ORPHAN_STRUCTURE).get(0).key());
        assertEquals(1, found.found(ProblemKind.UNUSED_INDEX_KEY), found.toString());
        AuditReport repaired = notebooks.repair();
        assertEquals(1, repaired.repaired(ProblemKind.ORPHAN_STRUCTURE), repaired.toString());
        assertFalse(exists(structureKey("comments", 999)));
        assertFalse(exists(structureKey("dropped", n.id())));
        assertEquals(List.of("c"), notebooks.comments(n.id()).items(), "a live object's structures stay");
        assertTrue(notebooks.audit().isClean());
    }

    @Test
    void anExpiringObjectsStructureIsRefusedPastItsDeadlineAndPurgedWithIt() {
        BrowseDao visits = new BrowseDao(store);
        Browse kept = visits.save(new Browse("kept", "ann"));
        Browse gone = visits.save(new Browse("gone", "bob"), Duration.ofMillis(1));
        kept.pages().push("/home");
        // an object given a millisecond to live is past it soon after: each try is a call to Redis
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (visits.get("gone").isPresent()) {
            assertTrue(System.nanoTime() < giveUp, "the object did not expire within 10 s");
        }
        raw(jedis -> jedis.rpush(base("browse") + ":st:pages:gone", "/written-before-its-deadline"));
        assertThrows(MissingObjectException.class, () -> gone.pages().push("/late"));
        assertEquals(List.of(), gone.pages().items(), "past its deadline, the object's structure reads as empty");
        assertEquals(0, gone.pages().size());
        assertThrows(MissingObjectException.class, () -> store.transaction(tx -> visits.pages("gone").push(tx, "/late")));
        assertEquals(List.of("/written-before-its-deadline"), raw(jedis -> jedis.lrange(base("browse") + ":st:pages:gone", 0, -1)));
        visits.save(new Browse("next", "carl")); // a write of the model purges the object past its deadline
        assertFalse(exists(base("browse") + ":st:pages:gone"), "purged with its object");
        assertEquals(List.of("/home"), visits.pages("kept").items());
    }

    @Test
    void aClassOfAPartitionedModelGetsItsHandleAndKeepsItsStructureInItsPartition() {
        Sensor s = sensors.save(new Sensor("s-1", "roof"));
        s.getSamples().append(Instant.ofEpochMilli(1_000), 20L);
        sensors.get("s-1").orElseThrow().getSamples().append(Instant.ofEpochMilli(2_000), 21L);
        assertEquals(List.of(20L, 21L), sensors.samples("s-1").last(10).stream().map(TimePoint::value).toList());
        String key = sensors.samples("s-1").key();
        String objectKey = keys().stream().filter(k -> k.endsWith(":obj:s-1")).findFirst().orElseThrow();
        assertEquals(objectKey.substring(0, objectKey.indexOf('}') + 1), key.substring(0, key.indexOf('}') + 1),
                "the structure shares its object's hash tag");
        sensors.delete("s-1");
        assertFalse(exists(key));
    }
}
