package dev.redao.runtime.query;

import dev.redao.runtime.internal.Arguments;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The id: equality and {@code in} against the set of live ids.
 *
 * @param <M> the model
 * @param <V> the id's type
 */
public final class IdField<M, V> extends Field<M> {
    private static final String NO_ID = "null is no id";

    private final Function<? super V, byte[]> encoder;

    /**
     * For generated code: a {@code <Model>Query} declares one handle per field.
     *
     * @param name the id field's name
     * @param encoder turns an id into its stored form
     */
    public IdField(String name, Function<? super V, byte[]> encoder) {
        super(name, 0);
        this.encoder = encoder;
    }

    /**
     * Objects with this id: at most one.
     *
     * @param id the id; never null
     * @return the condition
     */
    public Condition<M> eq(V id) {
        return lookup("I", false, List.of(Arguments.requireNonNull(id, "id", call("eq"), NO_ID)), encoder, "eq", "id");
    }

    /**
     * Objects with any of these ids.
     *
     * @param ids the ids; none null
     * @return the condition
     */
    @SafeVarargs
    public final Condition<M> in(V... ids) {
        return in(Arrays.asList(Arguments.requireNonNull(ids, "ids", call("in"))));
    }

    /**
     * As {@link #in(Object...)}.
     *
     * @param ids the ids; none null
     * @return the condition
     */
    public Condition<M> in(Collection<? extends V> ids) {
        return lookup("I", false, Arguments.requireNoNulls(ids, "ids", call("in"), NO_ID), encoder, "in", "ids");
    }

    /**
     * Objects that some object of another model references through {@code reference}, among
     * those matching {@code where}: the posts of a tag through a link model,
     * {@code PostQuery.id.referencedBy(PostTagQuery.postId, PostTagQuery.tagId.eq(7L))}. Runs in
     * the query's one script; dangling references name no object.
     *
     * @param <L> the referencing model
     * @param reference the other model's field that references this model
     * @param where which referencing objects count
     * @return the condition
     */
    public <L> Condition<M> referencedBy(ReferenceField<L, V, M> reference, Condition<L> where) {
        Arguments.requireNonNull(reference, "reference", call("referencedBy"));
        Arguments.requireNonNull(where, "where", call("referencedBy"));
        return new Condition<>(new Node.ReferencedBy(reference.owner(), reference.name(), where.node));
    }
}
