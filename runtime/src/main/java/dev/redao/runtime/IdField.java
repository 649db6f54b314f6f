package dev.redao.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The id: equality and {@code in} against the set of live ids.
 *
 * @param <M> the model
 * @param <V> the id's type
 */
public final class IdField<M, V> extends Field<M> {
    private final Function<? super V, byte[]> encoder;

    public IdField(String name, Function<? super V, byte[]> encoder) {
        super(name, 0);
        this.encoder = encoder;
    }

    public Condition<M> eq(V id) {
        return in(Collections.singletonList(id));
    }

    @SafeVarargs
    public final Condition<M> in(V... ids) {
        return in(Arrays.asList(ids));
    }

    public Condition<M> in(Collection<? extends V> ids) {
        return lookup("I", false, ids, encoder, "null is no id");
    }
}
