package dev.redao.runtime.internal;

import dev.redao.runtime.InvalidArgumentException;
import java.time.Duration;

/** The time to live a caller gives an object of an expiring model, checked and made milliseconds. */
final class Expiry {
    /** About a hundred years: a deadline this far out is no expiry, and a longer one is a mistake. */
    static final Duration LONGEST = Duration.ofDays(36_500);

    private Expiry() {}

    /**
     * @param ttl how long the object lives, from the write; zero for ever
     * @return the milliseconds, at least 1 for a positive ttl shorter than a millisecond; 0 for ever
     * @throws InvalidArgumentException for a negative ttl or one longer than {@link #LONGEST}
     */
    static long millis(String model, Duration ttl) {
        if (ttl.isNegative()) {
            throw new InvalidArgumentException("ttl", "a " + model + " object cannot live " + ttl + ": give a positive"
                    + " time to live, or Duration.ZERO for an object that does not expire");
        }
        if (ttl.compareTo(LONGEST) > 0) {
            throw new InvalidArgumentException("ttl", "a " + model + " object cannot live " + ttl + ": the longest time to"
                    + " live is " + LONGEST.toDays() + " days; give Duration.ZERO for an object that does not expire");
        }
        long millis = ttl.toMillis();
        return millis == 0 && !ttl.isZero() ? 1 : millis;
    }
}
