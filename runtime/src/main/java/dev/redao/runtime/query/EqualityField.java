package dev.redao.runtime.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An {@code @Indexed} field with one set of ids per value (strings, enums, booleans, characters,
 * UUIDs): equality and {@code in}.
 *
 * @param <M> the model
 * @param <V> the field's type
 */
public class EqualityField<M, V> extends SortableField<M> {
    private final Function<? super V, byte[]> encoder;

    public EqualityField(String name, int position, boolean alphabetic, Function<? super V, byte[]> encoder) {
        super(name, position, 's', alphabetic);
        this.encoder = encoder;
    }

    /** Objects whose field equals {@code value} (never null: nulls are not indexed). */
    public Condition<M> eq(V value) {
        return in(List.of(requireValue(value)));
    }

    /** Objects whose field equals any of {@code values}; none gives an empty result without a round trip. */
    @SafeVarargs
    public final Condition<M> in(V... values) {
        return in(Arrays.asList(values));
    }

    public Condition<M> in(Collection<? extends V> values) {
        return lookup("E", true, values, encoder, "null is not indexed, so it cannot be looked up");
    }

    final <T> T requireValue(T value) {
        return Objects.requireNonNull(value, () -> name() + ": null is not indexed, so it cannot be looked up");
    }
}
