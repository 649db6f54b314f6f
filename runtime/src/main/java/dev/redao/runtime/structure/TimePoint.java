package dev.redao.runtime.structure;

import java.time.Instant;

/**
 * A value of a {@link TimeSeries} at its time (to the millisecond).
 *
 * @param time when
 * @param value the value
 * @param <V> the value type
 */
public record TimePoint<V>(Instant time, V value) {}
