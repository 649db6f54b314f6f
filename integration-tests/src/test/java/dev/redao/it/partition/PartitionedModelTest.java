package dev.redao.it.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Meter;
import dev.redao.it.model.MeterAlarm;
import dev.redao.it.model.MeterAlarmDao;
import dev.redao.it.model.MeterAlarmQuery;
import dev.redao.it.model.MeterDao;
import dev.redao.it.model.MeterQuery;
import dev.redao.it.model.PageView;
import dev.redao.it.model.PageViewDao;
import dev.redao.it.model.PageViewQuery;
import dev.redao.it.model.PlainMeter;
import dev.redao.it.model.PlainMeterDao;
import dev.redao.it.model.PlainMeterQuery;
import dev.redao.it.model.PlainScore;
import dev.redao.it.model.PlainScoreDao;
import dev.redao.it.model.PlainScoreQuery;
import dev.redao.it.model.Score;
import dev.redao.it.model.ScoreDao;
import dev.redao.it.model.ScoreQuery;
import dev.redao.it.model.Tick;
import dev.redao.it.model.TickDao;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.messaging.Subscription;
import dev.redao.runtime.query.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@code @Model(partitions = N)}: each object and its index entries under the tag of the
 * partition its id names, ids that name their partition, every DAO operation routed to it, and
 * queries that run in every partition and answer exactly what the same query answers on the same
 * data unpartitioned ({@link PlainMeter}).
 */
class PartitionedModelTest extends RedisTestSupport {
    private static final int PARTITIONS = 6;
    /** A partition's tag: {@code {<ns>:meter:<p>.<k>}}. */
    private static final Pattern TAG = Pattern.compile("^\\{([^}]*):meter:(\\d+)\\.(\\d+)}:(.*)$");

    private MeterDao meters;
    private PlainMeterDao plain;

    @BeforeEach
    void daos() {
        meters = new MeterDao(store);
        plain = new PlainMeterDao(store);
    }

    private static Meter meter(Long id, String sensor, Double value, int hour) {
        return new Meter(id, sensor, value, hour, "n" + hour);
    }

    /** The partition each key of the model is under, by key. */
    private Map<String, Integer> partitionOfKeys() {
        Map<String, Integer> out = new HashMap<>();
        for (String key : keys()) {
            Matcher m = TAG.matcher(key);
            if (m.matches()) {
                out.put(key, Integer.parseInt(m.group(2)));
            }
        }
        return out;
    }

    @Test
    void newIdsNameTheirPartitionAndEachPartitionHoldsItsObjectsAndIndexes() {
        List<Meter> saved = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            saved.add(meters.save(meter(null, "s" + (i % 5), i * 1.5, i % 24)));
        }
        Set<Long> ids = new HashSet<>();
        int[] perPartition = new int[PARTITIONS];
        for (Meter m : saved) {
            assertTrue(ids.add(m.id()), "id " + m.id() + " given twice");
            perPartition[(int) (m.id() % PARTITIONS)]++;
        }
        for (int p = 0; p < PARTITIONS; p++) {
            assertEquals(10, perPartition[p], "new objects go to each partition in turn");
        }
        Map<String, Integer> partitions = partitionOfKeys();
        for (Meter m : saved) {
            int p = (int) (m.id() % PARTITIONS);
            String object = partitions.keySet().stream().filter(k -> k.endsWith(":obj:" + m.id())).findFirst().orElseThrow();
            assertEquals(p, partitions.get(object), object);
            String prefix = object.substring(0, object.indexOf("}:") + 1);
            assertTrue(members(prefix + ":id").contains(m.id().toString()));
            assertTrue(members(prefix + ":idx:" + "sensor:" + m.sensor()).contains(m.id().toString()));
            assertEquals(m.value(), score(prefix + ":idx:value", m.id().toString()));
        }
        // every partition's tag hashes into its own sixth of the slots
        for (Map.Entry<String, Integer> key : partitions.entrySet()) {
            int slot = JedisClusterCRC16.getSlot(key.getKey());
            int p = key.getValue();
            assertTrue(PartitionTags.inRange(slot, p, PARTITIONS), key.getKey() + " in slot " + slot);
        }
        assertEquals(60, meters.count());
    }

    @Test
    void everyDaoOperationFindsTheObjectInItsPartition() {
        Meter a = meters.save(meter(null, "a", 1.0, 1));
        Meter b = meters.save(meter(null, "b", 2.0, 2));
        assertNotEquals(a.id() % PARTITIONS, b.id() % PARTITIONS);
        assertEquals(a, meters.get(a.id()).orElseThrow());
        assertTrue(meters.exists(b.id()));
        assertEquals(List.of(b, a), meters.getAll(List.of(b.id(), 999L, a.id())));
        Meter moved = meters.save(new Meter(a.id(), "c", 3.0, 3, "moved"));
        assertEquals(List.of(a.id()), meters.query().filter(MeterQuery.sensor.eq("c")).ids());
        assertTrue(meters.query().filter(MeterQuery.sensor.eq("a")).ids().isEmpty());
        assertEquals(moved, meters.update(new Meter(a.id(), "c", 3.0, 3, "moved"), MeterQuery.note));
        assertTrue(meters.delete(a.id()));
        assertFalse(meters.exists(a.id()));
        assertEquals(1, meters.deleteAll(List.of(a.id(), b.id())));
        assertEquals(0, meters.count());
        // what is left are the partitions' id counters, as an unpartitioned model keeps its counter,
        // and the stored schema, in partition 0
        assertTrue(keys().stream().allMatch(k -> k.endsWith("}:ids") || k.matches(".*:meter:0\\.\\d+}:schema")), keys().toString());
    }

    @Test
    void anExplicitIdMovesItsPartitionsCounterPastIt() {
        long explicit = 6_000_004L; // partition 4
        meters.save(meter(explicit, "x", 1.0, 1));
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 2 * PARTITIONS; i++) {
            ids.add(meters.save(meter(null, "y", 2.0, 2)).id());
        }
        assertTrue(ids.contains(explicit + PARTITIONS), "the next id of partition 4 follows the explicit one: " + ids);
        assertFalse(ids.contains(explicit));
        assertEquals(2 * PARTITIONS + 1, meters.count());
    }

    @Test
    void aBatchIsSavedPartitionByPartitionAndComesBackInItsOrder() {
        List<Meter> batch = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            batch.add(meter(i % 7 == 0 ? 100_000L + i : null, "s" + (i % 3), (double) i, i % 24));
        }
        List<Meter> saved = meters.saveAll(batch);
        assertEquals(700, saved.size());
        assertEquals(700, new HashSet<>(saved.stream().map(Meter::id).toList()).size());
        for (int i = 0; i < 700; i++) {
            assertEquals(batch.get(i).value(), saved.get(i).value(), "position " + i);
            assertEquals(saved.get(i), meters.get(saved.get(i).id()).orElseThrow());
        }
        assertEquals(700, meters.count());
        assertEquals(700, meters.deleteAll(saved.stream().map(Meter::id).toList()));
        assertTrue(keys().stream().noneMatch(k -> k.contains(":obj:")), keys().toString());
    }

    @Test
    void writesThatWouldSpanPartitionsAreRefusedBeforeAnythingIsSent() {
        Meter a = meters.save(meter(null, "a", 1.0, 1));
        SortedMap<String, String> before = snapshot();
        CrossSlotException e = assertThrows(CrossSlotException.class, () -> store.transaction(tx -> {
            tx.save(meters, meter(a.id(), "b", 2.0, 2));
            tx.save(meters, meter(a.id() + 1, "c", 3.0, 3));
        }));
        assertTrue(e.getMessage().contains("meter is partitioned"), e.getMessage());
        assertThrows(CrossSlotException.class, () -> meters.saveAll(
                List.of(meter(null, "d", 1.0, 1), meter(null, "e", 1.0, 1)), BatchMode.ALL_OR_NOTHING));
        assertUnchanged(before);
        // one partition is one script: all or nothing, as for any model
        store.transaction(tx -> {
            tx.save(meters, meter(a.id(), "b", 2.0, 2));
            tx.save(meters, meter(a.id() + PARTITIONS, "c", 3.0, 3));
        });
        assertEquals(2, meters.count());
    }

    /** A query script reads one slot: a join or a related load through a partitioned model is refused, naming it. */
    @Test
    void aQueryCannotJoinOrLoadThroughAPartitionedModel() {
        Meter m = meters.save(meter(null, "a", 1.0, 1));
        MeterAlarmDao alarms = new MeterAlarmDao(store);
        alarms.save(new MeterAlarm(null, m.id(), "hot"));
        CrossSlotException join = assertThrows(CrossSlotException.class,
                () -> alarms.query().filter(MeterAlarmQuery.meterId.matches(MeterQuery.sensor.eq("a"))).list());
        assertTrue(join.getMessage().contains("joins 'meter': meter is partitioned"), join.getMessage());
        CrossSlotException related = assertThrows(CrossSlotException.class,
                () -> alarms.query().loadRelated(MeterAlarmQuery.meterId, meters).list());
        assertTrue(related.getMessage().contains("partitioned"), related.getMessage());
        // the reference itself works: it holds the id
        assertEquals(m, meters.get(alarms.query().list().get(0).meterId()).orElseThrow());
    }

    /**
     * Random data saved to both models with the same ids, then queries of every shape: each must
     * answer on the partitioned model exactly what it answers on the plain one, order included.
     */
    @Test
    void queriesAnswerWhatTheSameQueryAnswersUnpartitioned() {
        Random rnd = new Random(5);
        for (int i = 0; i < 400; i++) {
            Double value = rnd.nextInt(8) == 0 ? null : (double) rnd.nextInt(40) / 2;
            Meter m = meters.save(meter(null, "s" + rnd.nextInt(6), value, rnd.nextInt(24)));
            plain.save(new PlainMeter(m.id(), m.sensor(), m.value(), m.hour(), m.note()));
        }
        List<Function<Boolean, Query<?, Long>>> shapes = List.of(
                p -> p ? meters.query() : plain.query(),
                p -> p ? meters.query().filter(MeterQuery.sensor.eq("s1"))
                        : plain.query().filter(PlainMeterQuery.sensor.eq("s1")),
                p -> p ? meters.query().sortBy(MeterQuery.value.asc())
                        : plain.query().sortBy(PlainMeterQuery.value.asc()),
                p -> p ? meters.query().sortBy(MeterQuery.value.desc()).offset(13).limit(20)
                        : plain.query().sortBy(PlainMeterQuery.value.desc()).offset(13).limit(20),
                p -> p ? meters.query().filter(MeterQuery.hour.between(3, 17)).sortBy(MeterQuery.hour.desc()).limit(25)
                        : plain.query().filter(PlainMeterQuery.hour.between(3, 17)).sortBy(PlainMeterQuery.hour.desc()).limit(25),
                p -> p ? meters.query().filter(MeterQuery.sensor.startsWith("s")).exclude(MeterQuery.sensor.eq("s2"))
                                .sortBy(MeterQuery.note.asc()).offset(5).limit(30)
                        : plain.query().filter(PlainMeterQuery.sensor.startsWith("s")).exclude(PlainMeterQuery.sensor.eq("s2"))
                                .sortBy(PlainMeterQuery.note.asc()).offset(5).limit(30),
                p -> p ? meters.query().offset(390).limit(50) : plain.query().offset(390).limit(50));
        for (int s = 0; s < shapes.size(); s++) {
            Query<?, Long> partitioned = shapes.get(s).apply(true);
            Query<?, Long> unpartitioned = shapes.get(s).apply(false);
            assertEquals(unpartitioned.ids(), partitioned.ids(), "shape " + s);
            assertEquals(unpartitioned.count(), partitioned.count(), "shape " + s);
            assertEquals(unpartitioned.exists(), partitioned.exists(), "shape " + s);
            assertEquals(unpartitioned.list().size(), partitioned.list().size(), "shape " + s);
        }
        List<Meter> page = meters.query().sortBy(MeterQuery.value.asc()).offset(10).limit(5).list();
        List<PlainMeter> plainPage = plain.query().sortBy(PlainMeterQuery.value.asc()).offset(10).limit(5).list();
        assertEquals(plainPage.stream().map(PlainMeter::id).toList(), page.stream().map(Meter::id).toList());
        assertEquals(plainPage.stream().map(PlainMeter::note).toList(), page.stream().map(Meter::note).toList());

        // delete by query: a page is found first, then deleted; without a page, in every partition
        long deleted = meters.query().sortBy(MeterQuery.value.desc()).limit(7).delete();
        assertEquals(7, deleted);
        plain.deleteAll(plain.query().sortBy(PlainMeterQuery.value.desc()).limit(7).ids());
        assertEquals(plain.query().ids(), meters.query().ids());
        assertEquals(plain.query().filter(PlainMeterQuery.sensor.eq("s3")).delete(),
                meters.query().filter(MeterQuery.sensor.eq("s3")).delete());
        assertEquals(plain.query().ids(), meters.query().ids());
    }

    /**
     * A page is first asked of each partition for its share and a little more: when one partition
     * holds the whole page (here the lowest values all have ids of partition 0, a numeric id's
     * partition being the id mod N), it is asked again for the whole page, and the page is the
     * same as unpartitioned, in both directions and with an offset.
     */
    @Test
    void aPageThatOnePartitionHoldsWholeIsTheSameAsUnpartitioned() {
        for (long id = 1; id <= 240; id++) {
            double value = id % PARTITIONS == 0 ? id : 1_000 + id;
            Meter m = meters.save(meter(id, "s" + id % 3, value, (int) (id % 24)));
            plain.save(new PlainMeter(m.id(), m.sensor(), m.value(), m.hour(), m.note()));
        }
        assertEquals(plain.query().sortBy(PlainMeterQuery.value.asc()).limit(30).ids(),
                meters.query().sortBy(MeterQuery.value.asc()).limit(30).ids());
        assertEquals(plain.query().sortBy(PlainMeterQuery.value.asc()).offset(25).limit(10).ids(),
                meters.query().sortBy(MeterQuery.value.asc()).offset(25).limit(10).ids());
        assertEquals(plain.query().filter(PlainMeterQuery.sensor.eq("s0")).sortBy(PlainMeterQuery.value.asc()).limit(12).list()
                        .stream().map(PlainMeter::id).toList(),
                meters.query().filter(MeterQuery.sensor.eq("s0")).sortBy(MeterQuery.value.asc()).limit(12).list()
                        .stream().map(Meter::id).toList());
        assertEquals(plain.query().sortBy(PlainMeterQuery.value.desc()).limit(30).ids(),
                meters.query().sortBy(MeterQuery.value.desc()).limit(30).ids());
    }

    /** An ordered partitioned model: each partition's id set is in the model's order, and pages merge in it. */
    @Test
    void anOrderedModelsPagesMergeInItsOrder() {
        ScoreDao scores = new ScoreDao(store);
        PlainScoreDao plainScores = new PlainScoreDao(store);
        Random rnd = new Random(9);
        for (int i = 0; i < 120; i++) {
            Integer points = rnd.nextInt(6) == 0 ? null : rnd.nextInt(30);
            Score s = scores.save(new Score(null, "g" + rnd.nextInt(3), points));
            plainScores.save(new PlainScore(s.id(), s.game(), s.points()));
        }
        assertEquals(120, scores.count());
        assertEquals(plainScores.query().ids(), scores.query().ids());
        assertEquals(plainScores.query().offset(17).limit(25).ids(), scores.query().offset(17).limit(25).ids());
        assertEquals(plainScores.query().filter(PlainScoreQuery.game.eq("g1")).limit(10).ids(),
                scores.query().filter(ScoreQuery.game.eq("g1")).limit(10).ids());
        List<Integer> points = scores.query().limit(30).list().stream().map(Score::points).toList();
        assertEquals(plainScores.query().limit(30).list().stream().map(PlainScore::points).toList(), points);
    }

    /** Change events of a partitioned model: each partition publishes on its own channel, and subscribe hears all. */
    @Test
    void aSubscriberHearsTheEventsOfEveryPartition() throws InterruptedException {
        TickDao ticks = new TickDao(store);
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        Set<String> expected = new HashSet<>();
        try (Subscription s = ticks.subscribe(e -> heard.add(e.kind() + " " + e.id()))) {
            for (int i = 0; i < 6; i++) {
                Tick t = ticks.save(new Tick(null, "t" + i));
                expected.add("SAVED " + t.id());
            }
            Tick first = ticks.query().ids().stream().findFirst().map(id -> ticks.get(id).orElseThrow()).orElseThrow();
            ticks.delete(first.id());
            expected.add("DELETED " + first.id());
            Set<String> got = new HashSet<>();
            while (got.size() < expected.size()) {
                String event = heard.poll(10, TimeUnit.SECONDS);
                assertTrue(event != null, "heard " + got + " of " + expected);
                got.add(event);
            }
            assertEquals(expected, got);
        }
        assertEquals(3, new HashSet<>(ticks.query().ids().stream().map(id -> id % 3).toList()).size());
    }

    @Test
    void clientAssignedIdsAreSpreadByTheirHash() {
        Set<Integer> partitions = new HashSet<>();
        List<PageView> views = new ArrayList<>();
        PageViewDao dao = new PageViewDao(store);
        for (int i = 0; i < 40; i++) {
            PageView v = dao.save(new PageView(null, "/p" + (i % 4), i));
            views.add(v);
            partitions.add(JedisClusterCRC16.getCRC16(v.id().toString()) % 4);
        }
        assertEquals(4, partitions.size());
        assertEquals(40, dao.count());
        PageView first = views.get(0);
        assertEquals(first, dao.get(first.id()).orElseThrow());
        List<UUID> byTime = dao.query().sortBy(PageViewQuery.at.desc()).limit(3).ids();
        assertEquals(List.of(views.get(39).id(), views.get(38).id(), views.get(37).id()), byTime);
        assertEquals(10, dao.query().filter(PageViewQuery.page.eq("/p1")).count());
    }
}
