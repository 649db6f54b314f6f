package dev.redao.runtime.query;

import dev.redao.runtime.internal.Arguments;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A {@code @Unique} field without {@code @Indexed}: equality and {@code in} through its unique
 * hash, one lookup per value.
 *
 * @param <M> the model
 * @param <V> the field's type
 */
public final class UniqueField<M, V> extends SortableField<M> {
    private static final String NEVER_CLAIMED = "null is never claimed, so it cannot be looked up";

    private final Function<? super V, byte[]> encoder;

    /**
     * For generated code: a {@code <Model>Query} declares one handle per field.
     *
     * @param name the field's name
     * @param position the field's position in the model's description
     * @param alphabetic whether the field sorts as text rather than as a number
     * @param encoder turns a value into its stored form
     */
    public UniqueField(String name, int position, boolean alphabetic, Function<? super V, byte[]> encoder) {
        super(name, position, 's', alphabetic);
        this.encoder = encoder;
    }

    /**
     * The object holding {@code value}, if any.
     *
     * @param value the value; never null
     * @return the condition
     */
    public Condition<M> eq(V value) {
        return lookup("U", true, List.of(Arguments.requireNonNull(value, "value", call("eq"), NEVER_CLAIMED)), encoder,
                "eq", "value");
    }

    /**
     * The objects holding any of {@code values}.
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
        return lookup("U", true, Arguments.requireNoNulls(values, "values", call("in"), NEVER_CLAIMED), encoder, "in", "values");
    }
}
