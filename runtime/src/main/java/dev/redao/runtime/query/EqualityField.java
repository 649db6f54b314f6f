package dev.redao.runtime.query;

import dev.redao.runtime.internal.Arguments;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * An {@code @Indexed} field with one set of ids per value (strings, enums, booleans, characters,
 * UUIDs): equality and {@code in}.
 *
 * @param <M> the model
 * @param <V> the field's type
 */
public class EqualityField<M, V> extends SortableField<M> {
    private static final String NOT_INDEXED = "null is not indexed, so it cannot be looked up";

    private final Function<? super V, byte[]> encoder;

    /**
     * For generated code: a {@code <Model>Query} declares one handle per field.
     *
     * @param name the field's name
     * @param position the field's position in the model's description
     * @param alphabetic whether the field sorts as text rather than as a number
     * @param encoder turns a value into its index entry
     */
    public EqualityField(String name, int position, boolean alphabetic, Function<? super V, byte[]> encoder) {
        super(name, position, 's', alphabetic);
        this.encoder = encoder;
    }

    /**
     * Objects whose field equals {@code value} (never null: nulls are not indexed).
     *
     * @param value the value to look up; never null
     * @return the condition
     */
    public Condition<M> eq(V value) {
        return lookup("E", true, List.of(requireValue(value, "value", "eq")), encoder, "eq", "value");
    }

    /**
     * Objects whose field equals any of {@code values}; none gives an empty result without a round trip.
     *
     * @param values the values to look up; none null
     * @return the condition
     */
    @SafeVarargs
    public final Condition<M> in(V... values) {
        return in(Arrays.asList(Arguments.requireNonNull(values, "values", call("in"))));
    }

    /**
     * As {@link #in(Object...)}.
     *
     * @param values the values to look up; none null
     * @return the condition
     */
    public Condition<M> in(Collection<? extends V> values) {
        return lookup("E", true, Arguments.requireNoNulls(values, "values", call("in"), NOT_INDEXED), encoder, "in", "values");
    }

    /** {@code value}, refused when null: nulls are not indexed. */
    final <T> T requireValue(T value, String argument, String method) {
        return Arguments.requireNonNull(value, argument, call(method), NOT_INDEXED);
    }
}
