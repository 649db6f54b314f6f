package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.redao.runtime.tools.Keyspace;
import dev.redao.runtime.tools.ScoredMember;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pops are atomic: threads popping the same sorted set at once never receive one member twice,
 * and together they receive every member.
 */
class ZpopConcurrencyTest extends RedisTestSupport {
    private static final int THREADS = 8;
    private static final int MEMBERS = 3_000;

    @AfterEach
    void deletePlainKeys() {
        RawKeys.deleteStartingWith(store, ns);
    }

    private Keyspace fill() {
        Keyspace ks = store.keyspace();
        Map<String, Double> members = new HashMap<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.put("m" + i, (double) i);
        }
        raw(jedis -> jedis.zadd(ks.key("queue"), members));
        return ks;
    }

    /** Runs {@code THREADS} copies of {@code work} released together, and returns every member they popped. */
    private List<String> race(Callable<List<ScoredMember>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<ScoredMember>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<String> popped = new ArrayList<>();
            for (Future<List<ScoredMember>> f : futures) {
                f.get(30, TimeUnit.SECONDS).forEach(m -> popped.add(m.member()));
            }
            return popped;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertEachMemberOnce(List<String> popped, Keyspace ks) {
        assertEquals(MEMBERS, new HashSet<>(popped).size(), "every member was popped");
        assertEquals(MEMBERS, popped.size(), "and none twice");
        assertFalse(exists(ks.key("queue")));
    }

    @Test
    void concurrentRankPoppersNeverShareAMember() throws Exception {
        Keyspace ks = fill();
        List<String> popped = race(() -> {
            List<ScoredMember> mine = new ArrayList<>();
            while (true) {
                List<ScoredMember> batch = ks.zpopByRank("queue", 0, 6, false);
                if (batch.isEmpty()) {
                    return mine;
                }
                mine.addAll(batch);
            }
        });
        assertEachMemberOnce(popped, ks);
    }

    @Test
    void concurrentScorePoppersNeverShareAMember() throws Exception {
        Keyspace ks = fill();
        Queue<Integer> order = new ConcurrentLinkedQueue<>();
        List<String> popped = race(() -> {
            // every thread tries every window of 10 scores, in its own order, so windows collide
            List<Integer> windows = new ArrayList<>();
            for (int w = 0; w < MEMBERS / 10; w++) {
                windows.add(w);
            }
            Collections.shuffle(windows);
            List<ScoredMember> mine = new ArrayList<>();
            for (int w : windows) {
                List<ScoredMember> got = ks.zpopByScore("queue", w * 10, w * 10 + 9, w % 2 == 0);
                if (!got.isEmpty()) {
                    order.add(w);
                }
                mine.addAll(got);
            }
            return mine;
        });
        assertEachMemberOnce(popped, ks);
        assertEquals(MEMBERS / 10, order.size(), "each window was emptied by exactly one pop");
    }
}
