package dev.redao.it.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Writers fight over few ids and tokens of a model whose objects expire while they write: saves
 * with lives of a few milliseconds or an hour, deletes, renewals. Throughout, the purges of some
 * writes run among the others' writes. Afterwards the key layout is sound, no call saw an error
 * other than a unique refusal, and once every short life is over, the purge leaves exactly the
 * long-lived objects.
 */
class ExpiryConcurrencyTest extends RedisTestSupport {
    private static final int THREADS = 6;
    private static final int OPERATIONS = 400;
    private static final int IDS = 60;
    private static final int TOKENS = 25;

    @Test
    void expiriesAmongConcurrentWritesKeepTheKeysSound() throws Exception {
        SessionDao sessions = new SessionDao(store);
        DeviceDao devices = new DeviceDao(store);
        GrantDao grants = new GrantDao(store);
        AtomicLong done = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 77 + t;
                futures.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    for (int i = 0; i < OPERATIONS; i++) {
                        long id = 1 + rnd.nextInt(IDS);
                        Session s = new Session(id, "t" + rnd.nextInt(TOKENS), "u" + rnd.nextInt(5), "agent/" + rnd.nextInt(3),
                                rnd.nextInt(100));
                        int what = rnd.nextInt(10);
                        try {
                            if (what == 0) {
                                sessions.delete(id);
                            } else if (what == 1) {
                                sessions.expire(id, Duration.ofMillis(1 + rnd.nextInt(5)));
                            } else if (what == 2) {
                                devices.save(new Device(null, id, "d"));
                            } else if (what == 3) {
                                grants.save(new Grant(null, id, "read"));
                            } else {
                                sessions.save(s, rnd.nextBoolean() ? Duration.ofMillis(1 + rnd.nextInt(10)) : Duration.ofHours(1));
                            }
                            done.incrementAndGet();
                        } catch (UniqueViolationException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS); // rethrows anything but a unique refusal
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(THREADS * OPERATIONS, done.get() + refused.get());
        RedaoAssertions.assertConsistent(sessions, devices, grants);

        // every short life is over ten milliseconds after the last write; the purge then leaves
        // the objects that live an hour, each with its deadline
        String deadlines = base("auth") + ":session:exp";
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!raw(jedis -> jedis.zrangeByScore(deadlines, "(" + System.currentTimeMillis(), String.valueOf(System.currentTimeMillis() + 60_000))).isEmpty()) {
            // the test's server runs on this machine, by the same clock; each try asks Redis
            assertTrue(System.nanoTime() < giveUp, "the short lives did not end within 10 s");
        }
        sessions.purgeExpired();
        Set<String> live = members(base("auth") + ":session:id");
        Set<String> withDeadline = Set.copyOf(raw(jedis -> jedis.zrange(base("auth") + ":session:exp", 0, -1)));
        assertEquals(live, withDeadline, "every object left lives an hour");
        for (String id : live) {
            assertTrue(sessions.timeToLive(Long.valueOf(id)).orElseThrow().compareTo(Duration.ofMinutes(59)) > 0, id);
        }
        assertEquals(live.size(), sessions.count());
        RedaoAssertions.assertConsistent(sessions, devices, grants);
    }
}
