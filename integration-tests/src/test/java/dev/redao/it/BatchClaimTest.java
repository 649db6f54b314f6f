package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberQuery;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.UniqueViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The claims of an all-or-nothing batch, planted with raw commands as a batch would leave them (a
 * key {@code claim:<field>:<value>} naming the batch's object, which expires at the deadline):
 * every save honours a claim while it exists, and a stale unique entry (as an older Redao's
 * batches left them) blocks nothing.
 */
class BatchClaimTest extends BatchTestSupport {
    private static final String CLAIMANT = "999999";

    private void plantClaim(String email, String claimant) {
        raw(jedis -> jedis.psetex(claimKey("email", email), 60_000, claimant));
    }

    @Test
    void aClaimRefusesAnInsertAnUpdateAndABatch() {
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 30, "Ann"));
        plantClaim("v@x", CLAIMANT);
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
    void aClaimForTheObjectItselfTakesTheValueFromItsHolder() {
        // the batch checked, when it claimed, that ann gives the value up: her own write comes later
        Member ann = dao.save(new Member(null, "v@x", "ann", "DE", 30, "Ann"));
        Member bob = dao.save(new Member(null, "bob@x", "bob", "FR", 40, "Bob"));
        plantClaim("v@x", bob.id().toString());

        dao.save(bob.withEmail("v@x"));

        assertEquals(bob.id().toString(), hash(uni("email")).get("v@x"));
        dao.save(ann.withEmail("ann2@x")); // and ann moves on, releasing nothing that is bob's now
        assertEquals(bob.id().toString(), hash(uni("email")).get("v@x"));
        assertEquals(ann.id().toString(), hash(uni("email")).get("ann2@x"));
        raw(jedis -> jedis.del(claimKey("email", "v@x")));
        checkInvariants();
    }

    /** An earlier batch that died may have claimed a value for the same explicit id: that proves nothing. */
    @Test
    void aLeftoverClaimForAnObjectOfTheBatchDoesNotTakeALiveHoldersValue() {
        Member ann = dao.save(new Member(null, "v@x", "ann", "DE", 30, "Ann"));
        plantClaim("v@x", "5000");
        SortedMap<String, String> before = snapshotWithoutCounter();
        List<Member> input = freshMembers(300);
        input.set(299, input.get(299).withId(5000L).withEmail("v@x"));

        UniqueViolationException e = assertThrowsExactly(UniqueViolationException.class,
                () -> dao.saveAll(input, BatchMode.ALL_OR_NOTHING));

        assertViolation(e, "email", "v@x", ann.id());
        assertEquals(before, snapshotWithoutCounter());
    }

    @Test
    void aClaimIsNeverReadAsAHolder() {
        plantClaim("v@x", CLAIMANT);

        assertEquals(Optional.empty(), dao.getByEmail("v@x"));
        assertEquals(0, dao.query().filter(MemberQuery.email.eq("v@x")).count());
        assertFalse(dao.query().filter(MemberQuery.email.in("v@x", "w@x")).exists());
        assertEquals(List.of(), dao.query().filter(MemberQuery.email.eq("v@x")).ids());
        assertEquals(Map.of(), hash(uni("email")));
    }

    @Test
    void aStaleEntryIsNeverReadAsAHolder() {
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 30, "Ann"));
        raw(jedis -> jedis.hset(uni("email"), "dead@x", "424242"));             // an id that is gone
        raw(jedis -> jedis.hset(uni("email"), "old@x", ann.id().toString()));   // ann has ann@x

        for (String email : List.of("dead@x", "old@x")) {
            assertEquals(Optional.empty(), dao.getByEmail(email), email);
            assertEquals(0, dao.query().filter(MemberQuery.email.eq(email)).count(), email);
            assertEquals(List.of(), dao.query().filter(MemberQuery.email.in(email, "ann@x")).exclude(MemberQuery.email.eq("ann@x")).list(), email);
        }
        assertEquals(List.of(ann), dao.query().filter(MemberQuery.email.in("dead@x", "old@x", "ann@x")).list());
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
    void aLargeBatchHonoursClaimsAndIgnoresStaleEntries() {
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 30, "Ann"));
        List<Member> input = freshMembers(600);
        raw(jedis -> jedis.hset(uni("email"), "e6@x", "424242"));                     // dead id
        raw(jedis -> jedis.hset(uni("email"), "e7@x", ann.id().toString()));          // ann has ann@x
        raw(jedis -> jedis.hset(uni("handle"), "h8", CLAIMANT));                      // an older Redao's claim

        List<Member> saved = dao.saveAll(input, BatchMode.ALL_OR_NOTHING);

        for (int i : new int[] {6, 7}) {
            assertEquals(saved.get(i).id().toString(), hash(uni("email")).get("e" + i + "@x"));
        }
        assertEquals(saved.get(8).id().toString(), hash(uni("handle")).get("h8"));
        assertEquals(601, dao.count());
        assertNoBatchLeftovers();
        checkInvariants();

        // a claim refuses a large batch too, which then writes nothing
        plantClaim("late@x", CLAIMANT);
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
            Long claimTtl = null;
            List<Long> tmpTtls = new ArrayList<>();
            while (claimTtl == null && !batch.isDone()) {
                long ttl = raw(jedis -> jedis.pttl(claimKey("email", "e0@x")));
                if (ttl > 0) {
                    claimTtl = ttl;
                    for (String key : keys()) {
                        if (key.startsWith(memberBase() + ":tmp:")) {
                            tmpTtls.add(raw(jedis -> jedis.pttl(key)));
                        }
                    }
                }
            }
            assertEquals(n, batch.get(30, TimeUnit.SECONDS).size());
            assertNotNull(claimTtl, "the batch's claims were seen while it ran");
            assertTrue(claimTtl <= 60_000 + n && claimTtl > 60_000 + n - 5_000,
                    "a claim holds for 60,000 + " + n + " ms from when it is made; " + claimTtl + " ms were left");
            assertEquals(2, tmpTtls.size(), "one temporary hash per unique field: " + tmpTtls);
            for (long ttl : tmpTtls) {
                // -2: the batch finished, and deleted the hash, between the listing of the keys and its PTTL
                assertTrue(ttl == -2 || ttl > 0 && ttl <= 60_000 + n, "the temporary hashes expire as the claims do: pttl " + ttl);
            }
        } finally {
            pool.shutdownNow();
        }
        assertNoBatchLeftovers();
        checkInvariants();
    }
}
