package dev.redao.runtime.query;

import dev.redao.runtime.internal.Scores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An {@code @Indexed} number, date or time, kept in a sorted set scored by its value: equality,
 * {@code in}, ranges and sorting. Bounds compare scores, which are doubles: integers beyond 2^53 and BigDecimals that differ only past double precision compare
 * as equal.
 *
 * @param <M> the model
 * @param <V> the field's type
 */
public final class RangeField<M, V> extends SortableField<M> {
    private static final byte[] MIN = {'-', 'i', 'n', 'f'};
    private static final byte[] MAX = {'+', 'i', 'n', 'f'};

    private final Function<? super V, byte[]> scorer;

    public RangeField(String name, int position, Function<? super V, byte[]> scorer) {
        super(name, position, 'z', false);
        this.scorer = scorer;
    }

    public Condition<M> eq(V value) {
        byte[] s = score(value);
        return range(s, s);
    }

    @SafeVarargs
    public final Condition<M> in(V... values) {
        return in(Arrays.asList(values));
    }

    public Condition<M> in(Collection<? extends V> values) {
        if (values.isEmpty()) {
            return new Condition<>(Node.EMPTY);
        }
        List<Node> each = new ArrayList<>(values.size());
        for (V v : values) {
            each.add(eq(v).node);
        }
        return new Condition<>(each.size() == 1 ? each.get(0) : new Node.Or(each));
    }

    public Condition<M> gt(V value) {
        return range(exclusive(score(value)), MAX);
    }

    public Condition<M> ge(V value) {
        return range(score(value), MAX);
    }

    public Condition<M> lt(V value) {
        return range(MIN, exclusive(score(value)));
    }

    public Condition<M> le(V value) {
        return range(MIN, score(value));
    }

    /** Both bounds included. */
    public Condition<M> between(V low, V high) {
        return range(score(low), score(high));
    }

    private Condition<M> range(byte[] low, byte[] high) {
        return new Condition<>(new Node.Leaf(List.of(utf8("R"), utf8(name()), low, high)));
    }

    private byte[] score(V value) {
        byte[] s = scorer.apply(Objects.requireNonNull(value, () -> name() + ": null has no place in a range"));
        if (s == Scores.INVALID) {
            throw new IllegalArgumentException(name() + ": NaN has no place in a range");
        }
        return s;
    }

    private static byte[] exclusive(byte[] score) {
        byte[] out = new byte[score.length + 1];
        out[0] = '(';
        System.arraycopy(score, 0, out, 1, score.length);
        return out;
    }
}
