package dev.redao.runtime;

import java.util.List;

/**
 * What the runtime knows of a model, written by the processor into each generated DAO: its key
 * name, its id type, its stored fields (position 0 is the id), whether its id set is a sorted set
 * kept in the order of {@code @Model(ordering)}, and its scripts.
 */
public record ModelSchema<ID>(
        String name,
        IdType<ID> idType,
        List<String> fields,
        boolean ordered,
        Script save,
        Script delete,
        Script load,
        Script loadByUnique,
        Script query) {

    public ModelSchema {
        fields = List.copyOf(fields);
    }
}
