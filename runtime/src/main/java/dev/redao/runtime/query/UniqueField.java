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

    public UniqueField(String name, int position, boolean alphabetic, Function<? super V, byte[]> encoder) {
        super(name, position, 's', alphabetic);
        this.encoder = encoder;
    }

    public Condition<M> eq(V value) {
        return lookup("U", true, List.of(Arguments.requireNonNull(value, "value", call("eq"), NEVER_CLAIMED)), encoder,
                "eq", "value");
    }

    @SafeVarargs
    public final Condition<M> in(V... values) {
        return in(Arrays.asList(Arguments.requireNonNull(values, "values", call("in"))));
    }

    public Condition<M> in(Collection<? extends V> values) {
        return lookup("U", true, Arguments.requireNoNulls(values, "values", call("in"), NEVER_CLAIMED), encoder, "in", "values");
    }
}
