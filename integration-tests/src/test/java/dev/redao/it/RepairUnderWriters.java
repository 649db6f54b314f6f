package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.ModelDao;
import dev.redao.runtime.audit.AuditReport;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A repair of a damaged model while writers keep writing to it, and what must hold afterwards. */
public final class RepairUnderWriters {
    /** One write of a writer thread. */
    @FunctionalInterface
    public interface Write {
        /** @return whether it wrote (false for a refusal, which is no damage) */
        boolean run(Random rnd);
    }

    private RepairUnderWriters() {}

    /**
     * Starts {@code threads} writers, writer t drawing from {@code new Random(seed + t)}; once they
     * have written 50 times, repairs {@code dao}, and checks that they wrote while it ran and that
     * it found something; then stops them (rethrowing what one threw), and checks that an audit
     * is clean and the key layout consistent.
     */
    public static void repairWhileWriting(ModelDao<?, ?> dao, int threads, long seed, Write write) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> writers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                long own = seed + t;
                writers.add(pool.submit(() -> {
                    Random rnd = new Random(own);
                    while (!stop.get()) {
                        if (write.run(rnd)) {
                            writes.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            while (writes.get() < 50) {
                Thread.onSpinWait();
            }
            long before = writes.get();
            AuditReport repair = dao.repair();
            assertTrue(writes.get() > before, "the writers wrote while the repair ran");
            assertTrue(repair.totalFound() > 0, repair.toString());
            stop.set(true);
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        AuditReport after = dao.audit();
        assertTrue(after.isClean(), after.toString());
        RedaoAssertions.assertConsistent(dao);
    }
}
