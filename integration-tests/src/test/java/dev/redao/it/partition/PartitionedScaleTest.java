package dev.redao.it.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Meter;
import dev.redao.it.model.MeterDao;
import dev.redao.it.model.MeterQuery;
import dev.redao.it.model.PlainMeter;
import dev.redao.it.model.PlainMeterDao;
import dev.redao.runtime.RedisOutOfMemoryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What partitions are for, on the 3-master test cluster with a {@code maxmemory} of 32 MB more
 * than each master holds already: a
 * partitioned model holds more than twice what one master can, spread evenly over the masters
 * (keys, memory and commands each within 20 % of the mean), and answers queries over all of it;
 * the same data in a model that is not partitioned fills its one master and gets a typed
 * out-of-memory refusal.
 */
class PartitionedScaleTest extends RedisTestSupport {
    private static final long MAX_MEMORY = 32L << 20;
    /**
     * Objects with 2 KB notes: each costs Redis about 3 KB with its key and index entries, so they
     * need some 2.5 times one master's memory, leaving each master room for what it held before.
     */
    private static final int OBJECTS = 27_000;
    private static final String NOTE = "x".repeat(2_000);

    private static Meter meter(int i) {
        return new Meter(null, "s" + (i % 10), (double) (i % 1000), i % 24, NOTE + i);
    }

    @Test
    void aPartitionedModelHoldsMoreThanOneMasterCanAndSpreadsEvenly() {
        assumeTrue(onACluster(), "needs the test cluster's 3 masters");
        assertEquals(3, dataServerCount());
        List<Long> usedBefore = perMaster(jedis -> usedMemory(jedis));
        List<Long> callsBefore = perMaster(PartitionedScaleTest::scriptCalls);
        // 32 MB of room on each master above what it holds already (the other tests' scripts, say)
        perMaster(jedis -> jedis.configSet("maxmemory", Long.toString(usedMemory(jedis) + MAX_MEMORY)).length());
        try {
            MeterDao meters = new MeterDao(store);
            for (int from = 0; from < OBJECTS; from += 1_000) {
                List<Meter> batch = new ArrayList<>();
                for (int i = from; i < from + 1_000; i++) {
                    batch.add(meter(i));
                }
                meters.saveAll(batch);
            }
            assertEquals(OBJECTS, meters.count());
            assertEquals(OBJECTS / 10, meters.query().filter(MeterQuery.sensor.eq("s3")).count());
            List<Meter> top = meters.query().filter(MeterQuery.sensor.eq("s7")).sortBy(MeterQuery.value.desc()).limit(3).list();
            assertEquals(List.of(997.0, 997.0, 997.0), top.stream().map(Meter::value).toList());

            List<Long> keys = perMaster(jedis -> modelKeys(jedis, "{" + ns + ":meter:*"));
            List<Long> memory = minus(perMaster(jedis -> usedMemory(jedis)), usedBefore);
            List<Long> calls = minus(perMaster(PartitionedScaleTest::scriptCalls), callsBefore);
            long held = memory.stream().mapToLong(Long::longValue).sum();
            assertTrue(held > 2.3 * MAX_MEMORY, "the model holds " + held + " bytes of Redis memory, per master " + memory);
            assertBalanced("keys", keys);
            assertBalanced("memory", memory);
            assertBalanced("script calls", calls);
            System.out.printf("partitioned model of %d objects (%.1f MB of Redis memory) on 3 masters of 32 MB: keys %s,"
                    + " memory %s, script calls %s%n", OBJECTS, held / 1048576.0, keys, memory, calls);

            // the same data on one master: full long before the end, refused with a typed error
            PlainMeterDao plain = new PlainMeterDao(store);
            RedisOutOfMemoryException e = assertThrows(RedisOutOfMemoryException.class, () -> {
                for (int i = 0; i < OBJECTS; i++) {
                    Meter m = meter(i);
                    plain.save(new PlainMeter(null, m.sensor(), m.value(), m.hour(), m.note()));
                }
            });
            assertTrue(e.getMessage().contains("OOM"), e.getMessage());
            assertTrue(plain.count() < OBJECTS / 2, plain.count() + " plain objects fit");
        } finally {
            perMaster(jedis -> jedis.configSet("maxmemory", "0").length());
        }
    }

    private static List<Long> perMaster(ToLongFunction<Jedis> measure) {
        return eachDataServer(measure::applyAsLong);
    }

    private static long usedMemory(Jedis jedis) {
        String info = jedis.info("memory");
        return info.lines().filter(l -> l.startsWith("used_memory:")).map(l -> Long.parseLong(l.substring(12).strip()))
                .findFirst().orElseThrow();
    }

    private static long scriptCalls(Jedis jedis) {
        return jedis.info("commandstats").lines().filter(l -> l.startsWith("cmdstat_eval"))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf("calls=") + 6, l.indexOf(',')))).sum();
    }

    private static long modelKeys(Jedis jedis, String pattern) {
        long count = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(pattern).count(1_000);
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            count += page.getResult().size();
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return count;
    }

    private static List<Long> minus(List<Long> after, List<Long> before) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            out.add(after.get(i) - before.get(i));
        }
        return out;
    }

    private static void assertBalanced(String what, List<Long> perMaster) {
        double mean = perMaster.stream().mapToLong(Long::longValue).average().orElseThrow();
        long low = perMaster.stream().min(Comparator.naturalOrder()).orElseThrow();
        long high = perMaster.stream().max(Comparator.naturalOrder()).orElseThrow();
        assertTrue(low >= 0.8 * mean && high <= 1.2 * mean, what + " per master not within 20 % of the mean: " + perMaster);
    }
}
