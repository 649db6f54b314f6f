package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.UniqueViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.resps.Tuple;

/**
 * The claims of an all-or-nothing batch, planted with raw commands as a batch would leave them
 * (a unique entry naming the batch's id, and that id in {@code pending} with a deadline): every
 * save honours a claim until its deadline, and a stale entry blocks nothing.
 */
class BatchClaimTest extends BatchTestSupport {
    private static final String CLAIMANT = "999999";

    private void plantClaim(String email, long deadlineMs) {
        raw(jedis -> {
            jedis.hset(uni("email"), email, CLAIMANT);
            return jedis.zadd(pendingKey(), deadlineMs, CLAIMANT);
        });
    }

    @Test
    void aPendingClaimRefusesAnInsertAndAnUpdate() {
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 30, "Ann"));
        plantClaim("v@x", redisMillis() + 60_000);
        SortedMap<String, String> before = snapshot();

        UniqueViolationException e = assertThrowsExactly(UniqueViolationException.class,
                () -> dao.save(new Member(null, "v@x", "carl", "IT", 20, "Carl")));
        assertViolation(e, "email", "v@x", 999999L);
        assertUnchanged(before);

        e = assertThrowsExactly(UniqueViolationException.class, () -> dao.save(ann.withEmail("v@x")));
        assertViolation(e, "email", "v@x", 999999L);
        assertUnchanged(before);

        e = assertThrowsExactly(UniqueViolationException.class,
                () -> dao.saveAll(List.of(fresh(1), fresh(2).withEmail("v@x"))));
        assertViolation(e, "email", "v@x", 999999L);
        assertUnchanged(before);
    }

    @Test
    void anExpiredClaimHoldsNothing() {
        plantClaim("v@x", redisMillis() - 1000);

        Member carl = dao.save(new Member(null, "v@x", "carl", "IT", 20, "Carl"));

        assertEquals(carl.id().toString(), hash(uni("email")).get("v@x"));
        assertEquals(carl, dao.getByEmail("v@x").orElseThrow());
        raw(jedis -> jedis.del(pendingKey())); // the planted claim's pending entry, which no batch will finish
        checkInvariants();
    }

    @Test
    void aStaleEntryNamingALiveObjectWithAnotherValueHoldsNothing() {
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 30, "Ann"));
        raw(jedis -> jedis.hset(uni("email"), "old@x", ann.id().toString())); // ann's email is ann@x

        Member carl = dao.save(new Member(null, "old@x", "carl", "IT", 20, "Carl"));

        assertEquals(carl.id().toString(), hash(uni("email")).get("old@x"));
        assertEquals(ann.id().toString(), hash(uni("email")).get("ann@x"));
        checkInvariants();
    }

    @Test
    void aStaleEntryNamingADeadIdHoldsNothing() {
        raw(jedis -> jedis.hset(uni("handle"), "ghost", "424242"));

        Member carl = dao.save(new Member(null, "carl@x", "ghost", "IT", 20, "Carl"));

        assertEquals(Map.of("ghost", carl.id().toString()), hash(uni("handle")));
        checkInvariants();
    }

    @Test
    void aLargeBatchHonoursPendingClaimsAndIgnoresStaleOnes() {
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 30, "Ann"));
        List<Member> input = freshMembers(600);
        plantClaim("e5@x", redisMillis() - 1000);                                    // expired
        raw(jedis -> jedis.hset(uni("email"), "e6@x", "424242"));                     // dead id
        raw(jedis -> jedis.hset(uni("email"), "e7@x", ann.id().toString()));          // ann has ann@x
        raw(jedis -> jedis.hset(uni("handle"), "h8", CLAIMANT));                      // 999999 has an expired claim

        List<Member> saved = dao.saveAll(input, BatchMode.ALL_OR_NOTHING);

        for (int i : new int[] {5, 6, 7}) {
            assertEquals(saved.get(i).id().toString(), hash(uni("email")).get("e" + i + "@x"));
        }
        assertEquals(saved.get(8).id().toString(), hash(uni("handle")).get("h8"));
        assertEquals(601, dao.count());
        assertEquals(List.of(CLAIMANT), raw(jedis -> jedis.zrange(pendingKey(), 0, -1)),
                "the batch takes its own ids off the pending set and leaves the planted (expired) entry alone");
        raw(jedis -> jedis.del(pendingKey()));
        checkInvariants();

        // a live claim refuses a large batch too, which then writes nothing
        plantClaim("late@x", redisMillis() + 60_000);
        SortedMap<String, String> before = snapshotWithoutCounter();
        List<Member> more = freshMembers(1000).subList(600, 1000);
        more.set(399, more.get(399).withEmail("late@x"));
        UniqueViolationException e = assertThrowsExactly(UniqueViolationException.class,
                () -> dao.saveAll(more, BatchMode.ALL_OR_NOTHING));
        assertViolation(e, "email", "late@x", 999999L);
        assertEquals(before, snapshotWithoutCounter());
    }

    @Test
    void aRunningBatchClaimsForAMinutePlusAMillisecondPerObject() throws Exception {
        int n = 2000;
        List<Member> input = freshMembers(n);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<Member>> batch = pool.submit(() -> dao.saveAll(input, BatchMode.ALL_OR_NOTHING));
            Double deadline = null;
            long seenAt = 0;
            List<Long> tmpTtls = new ArrayList<>();
            while (deadline == null && !batch.isDone()) {
                List<Tuple> first = raw(jedis -> jedis.zrangeWithScores(pendingKey(), 0, 0));
                if (!first.isEmpty()) {
                    seenAt = redisMillis();
                    deadline = first.get(0).getScore();
                    for (String key : keys()) {
                        if (key.startsWith(memberBase() + ":tmp:")) {
                            tmpTtls.add(raw(jedis -> jedis.pttl(key)));
                        }
                    }
                }
            }
            assertEquals(n, batch.get(30, TimeUnit.SECONDS).size());
            assertNotNull(deadline, "the batch's pending claims were seen while it ran");
            long left = deadline.longValue() - seenAt;
            assertTrue(left <= 60_000 + n && left > 60_000 + n - 5_000,
                    "a claim holds for 60,000 + " + n + " ms from when it is made; " + left + " ms were left");
            assertEquals(2, tmpTtls.size(), "one temporary hash per unique field: " + tmpTtls);
            for (long ttl : tmpTtls) {
                assertTrue(ttl > 0 && ttl <= 60_000 + n, "the temporary hashes expire as the claims do: pttl " + ttl);
            }
        } finally {
            pool.shutdownNow();
        }
        assertNoBatchLeftovers();
        checkInvariants();
    }
}
