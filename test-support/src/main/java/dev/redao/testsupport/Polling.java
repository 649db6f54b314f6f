package dev.redao.testsupport;

import java.time.Duration;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Waits for a state of several servers (a cluster formed, a failover done) by asking again and again,
 * with growing pauses: as long as the servers need and no longer, where a fixed sleep would be too
 * short on a loaded machine and wasted time everywhere else.
 */
final class Polling {

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long LONGEST_PAUSE_MILLIS = 100;

    private Polling() {
    }

    /**
     * @param what what we wait for, for the timeout message ("the cluster to form")
     * @param unmet null once the state is reached, else what is still missing; a Jedis exception (a
     *     server not answering yet, or refusing while it changes role) counts as not yet
     * @return how long it took
     * @throws IllegalStateException on timeout, saying what was missing at the last look
     */
    static Duration await(String what, Duration timeout, Supplier<String> unmet) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long pauseMillis = FIRST_PAUSE_MILLIS;
        while (true) {
            String missing;
            try {
                missing = unmet.get();
            } catch (JedisException e) {
                missing = e.getCause() == null ? e.toString() : e + " (" + e.getCause() + ")";
            }
            long now = System.nanoTime();
            if (missing == null) {
                return Duration.ofNanos(now - start);
            }
            long left = deadline - now;
            if (left <= 0) {
                throw new IllegalStateException("Gave up waiting for " + what + " after " + timeout.toMillis()
                        + " ms; at the last look: " + missing);
            }
            try {
                Thread.sleep(Math.min(pauseMillis, Math.max(1, left / 1_000_000))); // never past the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
            pauseMillis = Math.min(pauseMillis * 2, LONGEST_PAUSE_MILLIS);
        }
    }
}
