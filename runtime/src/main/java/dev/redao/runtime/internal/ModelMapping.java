package dev.redao.runtime.internal;

import dev.redao.runtime.ModelDao;

/**
 * How the engine reaches a model's objects: what a generated DAO implements, handed to its
 * {@link ModelEngine} by {@link ModelDao}, whose own methods stay protected.
 *
 * @param <T> the model
 * @param <ID> its id type
 */
public interface ModelMapping<T, ID> {
    /** The model's id, or null when it has none yet. */
    ID idOf(T object);

    /** The object with this id: a copy for a record, the same object (updated) for a class. */
    T withId(T object, ID id);

    /** The object with this version: a copy for a record, the same object (updated) for a class. */
    T withVersion(T object, long version);

    /** Encodes every stored field but the id. */
    void write(T object, FieldWriter out);

    /** Builds the model from its stored fields. */
    T read(Row row);
}
