package dev.redao.runtime.query;

import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.Scores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
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

    private static final String NO_PLACE = "null has no place in a range";

    private final Function<? super V, byte[]> scorer;

    /**
     * For generated code: a {@code <Model>Query} declares one handle per field.
     *
     * @param name the field's name
     * @param position the field's position in the model's description
     * @param scorer turns a value into its score
     */
    public RangeField(String name, int position, Function<? super V, byte[]> scorer) {
        super(name, position, 'z', false);
        this.scorer = scorer;
    }

    /**
     * Objects whose field equals {@code value}.
     *
     * @param value the value; never null
     * @return the condition
     */
    public Condition<M> eq(V value) {
        byte[] s = score(value, "value", "eq");
        return range(s, s);
    }

    /**
     * Objects whose field equals any of {@code values}.
     *
     * @param values the values; none null
     * @return the condition
     */
    @SafeVarargs
    public final Condition<M> in(V... values) {
        return in(Arrays.asList(Arguments.requireNonNull(values, "values", call("in"))));
    }

    /**
     * As {@link #in(Object...)}.
     *
     * @param values the values; none null
     * @return the condition
     */
    public Condition<M> in(Collection<? extends V> values) {
        Arguments.requireNoNulls(values, "values", call("in"), NO_PLACE);
        if (values.isEmpty()) {
            return new Condition<>(Node.EMPTY);
        }
        List<Node> each = new ArrayList<>(values.size());
        for (V v : values) {
            each.add(eq(v).node);
        }
        return new Condition<>(each.size() == 1 ? each.get(0) : new Node.Or(each));
    }

    /**
     * Objects whose field is above {@code value}.
     *
     * @param value the bound; never null
     * @return the condition
     */
    public Condition<M> gt(V value) {
        return range(exclusive(score(value, "value", "gt")), MAX);
    }

    /**
     * Objects whose field is {@code value} or above.
     *
     * @param value the bound; never null
     * @return the condition
     */
    public Condition<M> ge(V value) {
        return range(score(value, "value", "ge"), MAX);
    }

    /**
     * Objects whose field is below {@code value}.
     *
     * @param value the bound; never null
     * @return the condition
     */
    public Condition<M> lt(V value) {
        return range(MIN, exclusive(score(value, "value", "lt")));
    }

    /**
     * Objects whose field is {@code value} or below.
     *
     * @param value the bound; never null
     * @return the condition
     */
    public Condition<M> le(V value) {
        return range(MIN, score(value, "value", "le"));
    }

    /**
     * Both bounds included.
     *
     * @param low the lower bound, included
     * @param high the upper bound, included
     * @return the condition
     */
    public Condition<M> between(V low, V high) {
        return range(score(low, "low", "between"), score(high, "high", "between"));
    }

    private Condition<M> range(byte[] low, byte[] high) {
        return new Condition<>(new Node.Leaf(List.of(utf8("R"), utf8(name()), low, high)));
    }

    private byte[] score(V value, String argument, String method) {
        byte[] s = scorer.apply(Arguments.requireNonNull(value, argument, call(method), NO_PLACE));
        if (s == Scores.INVALID) {
            throw new InvalidArgumentException(argument, call(method) + ": " + argument + " is NaN, which has no place in a range");
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
