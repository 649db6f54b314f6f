package dev.redao.testsupport;

import dev.redao.runtime.RedisUrl;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Waits for a server to answer PING by polling, so start-up takes as long as the server needs and no
 * longer: a fixed sleep would be too short on a loaded CI machine and wasted time everywhere else.
 */
final class Readiness {

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long LONGEST_PAUSE_MILLIS = 100;
    /** Per attempt; a server that accepted the connection answers PING within microseconds. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

    private Readiness() {
    }

    /**
     * Polls PING, then INFO server, until {@code accept} likes the INFO answer.
     *
     * @param abort checked between attempts; once true there is no point waiting (our process died)
     * @return the INFO server fields of the accepted answer, or null if {@code abort} became true
     * @throws TimeoutException if nothing acceptable answered within {@code timeout}; its message says
     *     what went wrong last
     * @throws JedisDataException if the server refused us (e.g. WRONGPASS, NOAUTH): waiting will not help
     */
    static Map<String, String> awaitInfo(RedisUrl endpoint, Duration timeout, BooleanSupplier abort,
                                         Predicate<Map<String, String>> accept)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = FIRST_PAUSE_MILLIS;
        String lastProblem = "never tried";
        while (true) {
            if (abort.getAsBoolean()) {
                return null;
            }
            try (Jedis jedis = Connections.open(endpoint, ATTEMPT_TIMEOUT)) {
                String pong = jedis.ping();
                if (!"PONG".equals(pong)) {
                    lastProblem = "PING answered " + pong;
                } else {
                    Map<String, String> info = Connections.info(jedis, "server");
                    if (accept.test(info)) {
                        return info;
                    }
                    lastProblem = "answered, but not by the expected server (process_id " + info.get("process_id") + ")";
                }
            } catch (JedisDataException e) {
                if (!String.valueOf(e.getMessage()).startsWith("LOADING")) { // still reading its data set: worth waiting for
                    throw e;
                }
                lastProblem = e.toString();
            } catch (JedisConnectionException e) {
                lastProblem = e.getCause() == null ? e.toString() : e + " (" + e.getCause() + ")";
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(endpoint + " did not answer PING within " + timeout.toMillis()
                        + " ms; last attempt: " + lastProblem);
            }
            Thread.sleep(Math.min(pauseMillis, Math.max(1, left / 1_000_000))); // never past the deadline
            pauseMillis = Math.min(pauseMillis * 2, LONGEST_PAUSE_MILLIS);
        }
    }
}
