package dev.redao.runtime.query;

import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.internal.Arguments;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link RelatedQuery#list()}: the objects, and for each followed reference the
 * objects it points at, each once, by id.
 *
 * @param <M> the model
 */
public final class Related<M> {
    private final List<M> objects;
    private final Map<ReferenceField<M, ?, ?>, Map<?, ?>> related = new LinkedHashMap<>();

    Related(List<M> objects, List<RelatedQuery.Relation<M, ?, ?>> relations, List<List<?>> rows) {
        this.objects = objects;
        for (int i = 0; i < relations.size(); i++) {
            related.put(relations.get(i).reference(), byId(relations.get(i), rows.isEmpty() ? List.of() : rows.get(i)));
        }
    }

    private static <M, RID, R> Map<RID, R> byId(RelatedQuery.Relation<M, RID, R> relation, List<?> rows) {
        Map<RID, R> out = new LinkedHashMap<>();
        for (R object : relation.read(rows)) {
            out.put(relation.idOf(object), object);
        }
        return Collections.unmodifiableMap(out);
    }

    /** {@return the objects the query found, in its order} */
    public List<M> objects() {
        return objects;
    }

    /**
     * The objects {@code reference} points at, by id, each once. An id with no object (a dangling
     * reference) is absent, so {@code get} gives null for it.
     *
     * @param <RID> the referenced model's id type
     * @param <R> the referenced model
     * @param reference a reference the query loaded with {@code loadRelated}
     * @return the referenced objects by id
     * @throws InvalidArgumentException if the query did not load this reference
     */
    @SuppressWarnings("unchecked")
    public <RID, R> Map<RID, R> related(ReferenceField<M, RID, R> reference) {
        Arguments.requireNonNull(reference, "reference", "related of a query's result");
        Map<?, ?> map = related.get(reference);
        if (map == null) {
            throw new InvalidArgumentException("reference", "the query did not load " + reference.name() + ": add loadRelated("
                    + reference.name() + ", ...)");
        }
        return (Map<RID, R>) map;
    }

    /**
     * The object {@code reference} points at with this id, or null if it was not found.
     *
     * @param <RID> the referenced model's id type
     * @param <R> the referenced model
     * @param reference a reference the query loaded with {@code loadRelated}
     * @param id the id of the referenced object
     * @return the referenced object, or null
     */
    public <RID, R> R get(ReferenceField<M, RID, R> reference, RID id) {
        return id == null ? null : related(reference).get(id);
    }
}
