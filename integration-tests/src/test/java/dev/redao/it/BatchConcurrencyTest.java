package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.UniqueViolationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An all-or-nothing batch of 2,000 members (emails e0..e1999) while another thread keeps saving
 * new members with random emails of the same range. Whatever the interleaving: either the batch
 * succeeded and every other save of one of its emails was refused, or it failed and nothing of it
 * is stored; no email is held twice and the invariants hold.
 */
class BatchConcurrencyTest extends BatchTestSupport {
    private static final int N = 2000;
    /** Saves the writer still tries once the batch is over. */
    private static final int AFTERWARDS = 50;

    /** When the other writer starts. */
    enum Start {
        /** with the batch: it will usually take an email first, and the batch fails */
        TOGETHER,
        /** once the batch has claimed its first chunk: it races the remaining claims */
        WHEN_CLAIMING,
        /** once every claim is made (or the batch is over): the batch must succeed */
        AFTER_CLAIMS
    }

    @ParameterizedTest
    @EnumSource(Start.class)
    void aBatchAndAnotherWriterNeverShareAnEmail(Start start) throws Exception {
        List<Member> input = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            input.add(new Member(null, "e" + i, "b" + i, COUNTRIES[i % COUNTRIES.length], 20 + i % 50, "B" + i));
        }
        List<Member> others = new ArrayList<>();
        List<UniqueViolationException> othersRefused = new ArrayList<>();
        AtomicBoolean batchOver = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        List<Member> batch = null;
        UniqueViolationException batchRefused = null;
        try {
            Future<?> writer = pool.submit(() -> {
                Random rnd = new Random(start.ordinal());
                go.await();
                while (!batchOver.get() && !started(start)) {
                    Thread.onSpinWait();
                }
                int afterwards = 0;
                while (!batchOver.get() || afterwards++ < AFTERWARDS) {
                    int i = rnd.nextInt(N);
                    try {
                        others.add(dao.save(new Member(null, "e" + i, null, "XX", 1, "W" + i)));
                    } catch (UniqueViolationException e) {
                        othersRefused.add(e);
                    }
                }
                return null;
            });
            go.countDown();
            try {
                batch = dao.saveAll(input, BatchMode.ALL_OR_NOTHING);
            } catch (UniqueViolationException e) {
                batchRefused = e;
            } finally {
                batchOver.set(true);
            }
            writer.get(30, TimeUnit.SECONDS); // rethrows anything but a unique violation
        } finally {
            pool.shutdownNow();
        }

        assertTrue(others.size() + othersRefused.size() >= AFTERWARDS);
        Set<Long> otherIds = new HashSet<>();
        others.forEach(m -> otherIds.add(m.id()));
        if (batch != null) {
            assertNull(batchRefused);
            assertEquals(List.of(), others, "the batch succeeded: every other save of one of its emails is refused");
            Set<Long> batchIds = new HashSet<>();
            for (int i = 0; i < N; i++) {
                batchIds.add(batch.get(i).id());
                assertEquals(batch.get(i).id().toString(), hash(uni("email")).get("e" + i));
            }
            for (UniqueViolationException e : othersRefused) {
                assertTrue(batchIds.contains((Long) e.holderId()), "refused in favour of the batch: " + e.getMessage());
            }
            assertEquals(batchIds, liveIds());
        } else {
            assertNotNull(batchRefused);
            assertNotEquals(Start.AFTER_CLAIMS, start, "claims made before the writer starts cannot be refused");
            assertEquals("email", batchRefused.field());
            assertTrue(otherIds.contains((Long) batchRefused.holderId()),
                    "the batch was refused by an object the other writer stored: " + batchRefused.getMessage());
            assertEquals(otherIds, liveIds(), "nothing of the failed batch is stored");
            assertEquals(Map.of(), hash(uni("handle")), "no handle of the batch is held");
        }
        assertEmailsHeldAtMostOnce();
        assertNoBatchLeftovers();
        checkInvariants();
    }

    private boolean started(Start start) {
        return switch (start) {
            case TOGETHER -> true;
            case WHEN_CLAIMING -> exists(claimKey("email", "e0"));
            // chunks claim in list order, each claim script making its claims at its end
            case AFTER_CLAIMS -> exists(claimKey("email", "e" + (N - 1)));
        };
    }

    private void assertEmailsHeldAtMostOnce() {
        Map<String, Long> holders = new HashMap<>();
        for (Member m : dao.getAll(liveIds())) {
            Long first = holders.put(m.email(), m.id());
            assertNull(first, m.email() + " is held by " + first + " and " + m.id());
        }
    }
}
