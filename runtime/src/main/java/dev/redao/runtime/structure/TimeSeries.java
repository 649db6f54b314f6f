package dev.redao.runtime.structure;

import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.Transaction;
import dev.redao.runtime.internal.Codecs;
import dev.redao.runtime.internal.ElementCodec;
import dev.redao.runtime.internal.StructureAccess;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A time series an object owns (python-stdnet's {@code TimeSeriesField}): one value per
 * millisecond, read by time range or as the latest values. Stored as a sorted set scored by epoch
 * milliseconds, each member {@code <ms>:<value>}, so a range by time is one {@code ZRANGEBYSCORE}.
 * Writes need the object to exist.
 *
 * @param <V> the value type
 */
public final class TimeSeries<V> extends Structure {
    private final ElementCodec<V> codec;

    /** For generated code: the time series of one object. */
    public TimeSeries(StructureAccess access, ElementCodec<V> codec) {
        super(access);
        this.codec = codec;
    }

    /**
     * Records {@code value} at {@code time} (to the millisecond), replacing the value the series
     * had at that millisecond, in one script.
     *
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    public void append(Instant time, V value) {
        access.write("append", List.of(millis(time, "time", "append"), access.encode(codec, value, "value", "append")));
    }

    /**
     * Records {@code value} at {@code time} when {@code transaction} commits, in its script (see
     * {@link RedisList#push(Transaction, Object[])}).
     *
     * @throws MissingObjectException from the commit, if the object does not exist then
     */
    public void append(Transaction transaction, Instant time, V value) {
        access.writeIn(transaction, "append", List.of(millis(time, "time", "append"), access.encode(codec, value, "value", "append")));
    }

    /** The values from {@code from} to {@code to}, both included, oldest first. */
    public List<TimePoint<V>> range(Instant from, Instant to) {
        return points(access.read("ZRANGEBYSCORE", List.of(millis(from, "from", "range"), millis(to, "to", "range"))), false);
    }

    /** The latest {@code n} values, oldest first. */
    public List<TimePoint<V>> last(int n) {
        if (n < 1) {
            throw new InvalidArgumentException("n", access.call("last") + ": n is " + n + ", and must be at least 1");
        }
        return points(access.read("ZREVRANGE", List.of(number(0), number(n - 1))), true);
    }

    /** Every value read with the object by {@code getWithStructures}, oldest first; empty when it was loaded otherwise. */
    public Optional<List<TimePoint<V>>> loaded() {
        List<?> raw = access.loaded();
        return raw == null ? Optional.empty() : Optional.of(points(raw, false));
    }

    /** The number of values. */
    public long size() {
        return (Long) access.read("ZCARD", List.of());
    }

    private byte[] millis(Instant time, String argument, String method) {
        if (time == null) {
            throw new InvalidArgumentException(argument, access.call(method) + ": " + argument + " is null");
        }
        return Codecs.encode(time.toEpochMilli());
    }

    private List<TimePoint<V>> points(Object reply, boolean newestFirst) {
        List<?> raw = (List<?>) reply;
        List<TimePoint<V>> out = new ArrayList<>(raw.size());
        for (Object member : raw) {
            byte[] bytes = (byte[]) member;
            int colon = indexOf(bytes, (byte) ':');
            long ms;
            try {
                ms = Long.parseLong(new String(bytes, 0, Math.max(colon, 0), StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw access.corrupt(new String(bytes, StandardCharsets.UTF_8), e);
            }
            out.add(new TimePoint<>(Instant.ofEpochMilli(ms), access.decode(codec, Arrays.copyOfRange(bytes, colon + 1, bytes.length))));
        }
        if (newestFirst) {
            Collections.reverse(out);
        }
        return out;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
