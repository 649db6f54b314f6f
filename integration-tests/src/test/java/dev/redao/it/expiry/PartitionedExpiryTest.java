package dev.redao.it.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.test.ConsistencyReport;
import dev.redao.test.RedaoAssertions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A partitioned model whose objects expire (#18): each partition keeps the deadlines of its own
 * objects, every read of every partition leaves out an object past its deadline, expire and
 * timeToLive reach the object's partition, and purgeExpired and each partition's writes delete the
 * expired objects with their index entries.
 */
class PartitionedExpiryTest extends RedisTestSupport {
    private static final Duration LONG = Duration.ofHours(1);
    private static final Duration SHORT = Duration.ofMillis(1);

    @Test
    void expiredObjectsOfEveryPartitionAreGoneForReadsAndPurgedWithTheirEntries() {
        PingDao pings = new PingDao(store);
        List<Ping> kept = new ArrayList<>();
        List<Ping> gone = new ArrayList<>();
        for (int i = 0; i < 8; i++) { // new objects go to the partitions in turn: two of each kind in each
            kept.add(pings.save(new Ping(null, "kept", 10 + i), LONG));
            gone.add(pings.save(new Ping(null, "gone", 10 + i), SHORT));
        }
        Ping last = gone.get(gone.size() - 1);
        ExpiryTest.await(() -> pings.get(last.id()).isEmpty());
        ExpiryTest.await(() -> pings.count() == 8);
        for (Ping g : gone) {
            assertEquals(Optional.empty(), pings.get(g.id()));
            assertFalse(pings.exists(g.id()));
            assertEquals(Optional.empty(), pings.timeToLive(g.id()));
        }
        assertEquals(List.of(), pings.query().filter(PingQuery.host.eq("gone")).list());
        assertEquals(8, pings.query().filter(PingQuery.latency.lt(100)).count());
        assertEquals(kept, pings.getAll(kept.stream().map(Ping::id).toList()));

        // expire and timeToLive reach each object's partition
        Ping first = kept.get(0);
        Ping second = kept.get(1);
        assertTrue(pings.timeToLive(second.id()).orElseThrow().compareTo(Duration.ofMinutes(59)) > 0);
        assertTrue(pings.persist(second.id()));
        assertEquals(Optional.of(Duration.ZERO), pings.timeToLive(second.id()));
        assertTrue(pings.expire(first.id(), SHORT));
        ExpiryTest.await(() -> pings.get(first.id()).isEmpty());

        // each save purged the expired objects of its partition first, so what is left depends on
        // timing; the one expired since the last save is left for certain
        long purged = pings.purgeExpired();
        assertTrue(purged >= 1 && purged <= 9, "purged " + purged);
        assertEquals(0, pings.purgeExpired());
        assertTrue(keys().stream().noneMatch(k -> k.contains(":idx:host:gone")), keys().toString());
        ConsistencyReport report = RedaoAssertions.check(pings);
        assertTrue(report.isConsistent(), report.toString());
        assertTrue(pings.audit().isClean());
        assertEquals(Set.copyOf(kept.subList(1, 8)), Set.copyOf(pings.query().list()));
    }
}
