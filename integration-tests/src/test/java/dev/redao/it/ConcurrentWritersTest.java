package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
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
 * Many writers fight over few unique values and ids; afterwards, every index and unique entry
 * agrees with the objects, whatever the interleaving was.
 */
class ConcurrentWritersTest extends RedisTestSupport {
    private static final int THREADS = 8;
    private static final int OPERATIONS = 300;
    private static final int IDS = 50;
    private static final int EMAILS = 20;
    private static final String[] COUNTRIES = {"DE", "FR", "IT", null};

    private static Member random(Random rnd, long id) {
        String email = rnd.nextInt(10) == 0 ? null : "u" + rnd.nextInt(EMAILS) + "@x";
        String handle = rnd.nextInt(3) == 0 ? null : "h" + rnd.nextInt(2 * EMAILS);
        return new Member(id, email, handle, COUNTRIES[rnd.nextInt(COUNTRIES.length)], rnd.nextInt(100), "n" + id);
    }

    @Test
    void indexesAndUniqueEntriesStayConsistent() throws Exception {
        MemberDao dao = new MemberDao(store);
        AtomicLong saved = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 1000 + t;
                futures.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    for (int i = 0; i < OPERATIONS; i++) {
                        long id = 1 + rnd.nextInt(IDS);
                        int what = rnd.nextInt(20);
                        try {
                            if (what == 0) {
                                dao.delete(id);
                            } else if (what == 1) {
                                long other = 1 + rnd.nextInt(IDS);
                                if (other != id) {
                                    dao.saveAll(List.of(random(rnd, id), random(rnd, other)));
                                }
                            } else {
                                dao.save(random(rnd, id));
                            }
                            saved.incrementAndGet();
                        } catch (UniqueViolationException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS); // rethrows anything but a unique violation
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(THREADS * OPERATIONS, saved.get() + refused.get());
        assertTrue(saved.get() > 0 && refused.get() > 0, "both outcomes happen: " + saved + " / " + refused);

        checkInvariants(dao);
    }

    private void checkInvariants(MemberDao dao) {
        // what Redis holds agrees with itself: objects, id set, unique hashes, every index, no stray keys
        RedaoAssertions.assertConsistent(dao);
        // and with the DAO: it counts the live ids, and every one of them reads back
        Set<String> ids = members(base("member") + ":id");
        assertEquals(ids.size(), dao.count());
        assertEquals(ids.size(), dao.getAll(ids.stream().map(Long::valueOf).toList()).size());
    }
}
