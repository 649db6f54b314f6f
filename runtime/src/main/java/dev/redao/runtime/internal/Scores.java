package dev.redao.runtime.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * The sorted-set score of a value of an ordered field, as the text ZADD and ZRANGEBYSCORE take.
 * Numbers score as themselves; an Instant as epoch milliseconds (with a fraction), a LocalDate as
 * its epoch day, a LocalDateTime as epoch seconds in UTC, a LocalTime as nanoseconds of the day, a
 * Duration as seconds. Scores are doubles in Redis: integers beyond 2^53 lose their last digits in
 * ranges and sorting (the stored value itself is exact).
 *
 * <p>NaN has no place in an order, so its score is {@link #INVALID}, which {@link FieldWriter}
 * refuses with the model and field named.
 */
public final class Scores {
    /** The score of a value that cannot be ordered. */
    public static final byte[] INVALID = new byte[0];

    // One scorer per ordered kind of value, for the range handles that generated code declares
    // (see the encoders of Codecs for why not Scores::of).
    public static final Function<Byte, byte[]> BYTE = Scores::of;
    public static final Function<Short, byte[]> SHORT = Scores::of;
    public static final Function<Integer, byte[]> INT = Scores::of;
    public static final Function<Long, byte[]> LONG = Scores::of;
    public static final Function<Float, byte[]> FLOAT = Scores::of;
    public static final Function<Double, byte[]> DOUBLE = Scores::of;
    public static final Function<BigDecimal, byte[]> BIG_DECIMAL = Scores::of;
    public static final Function<BigInteger, byte[]> BIG_INTEGER = Scores::of;
    public static final Function<Instant, byte[]> INSTANT = Scores::of;
    public static final Function<LocalDate, byte[]> LOCAL_DATE = Scores::of;
    public static final Function<LocalDateTime, byte[]> LOCAL_DATE_TIME = Scores::of;
    public static final Function<LocalTime, byte[]> LOCAL_TIME = Scores::of;
    public static final Function<Duration, byte[]> DURATION = Scores::of;

    private Scores() {}

    public static byte[] of(long v) {
        return Codecs.ascii(Long.toString(v));
    }

    public static byte[] of(Long v) {
        return v == null ? null : of(v.longValue());
    }

    public static byte[] of(Integer v) {
        return v == null ? null : of(v.longValue());
    }

    public static byte[] of(Short v) {
        return v == null ? null : of(v.longValue());
    }

    public static byte[] of(Byte v) {
        return v == null ? null : of(v.longValue());
    }

    /**
     * A subnormal double (smaller than {@link Double#MIN_NORMAL} but not zero) scores as
     * &plusmn;MIN_NORMAL: Redis 7.0 stores it, but its numeric SORT fails on such an index, and
     * indexes written before queries stopped using SORT hold the clamped score: ranges over old
     * and new entries must agree.
     */
    public static byte[] of(double v) {
        if (Double.isNaN(v)) {
            return INVALID;
        }
        if (v != 0 && Math.abs(v) < Double.MIN_NORMAL) {
            v = Math.copySign(Double.MIN_NORMAL, v);
        }
        return Codecs.ascii(Double.toString(v));
    }

    public static byte[] of(Double v) {
        return v == null ? null : of(v.doubleValue());
    }

    public static byte[] of(Float v) {
        return v == null ? null : of(v.doubleValue());
    }

    public static byte[] of(BigDecimal v) {
        return v == null ? null : of(v.doubleValue());
    }

    public static byte[] of(BigInteger v) {
        return v == null ? null : of(v.doubleValue());
    }

    public static byte[] of(Instant v) {
        return v == null ? null : of(v.getEpochSecond() * 1000.0 + v.getNano() / 1_000_000.0);
    }

    public static byte[] of(LocalDate v) {
        return v == null ? null : of(v.toEpochDay());
    }

    public static byte[] of(LocalDateTime v) {
        return v == null ? null : of(v.toEpochSecond(ZoneOffset.UTC) + v.getNano() / 1_000_000_000.0);
    }

    public static byte[] of(LocalTime v) {
        return v == null ? null : of(v.toNanoOfDay());
    }

    public static byte[] of(Duration v) {
        return v == null ? null : of(v.getSeconds() + v.getNano() / 1_000_000_000.0);
    }
}
