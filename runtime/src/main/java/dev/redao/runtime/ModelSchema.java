package dev.redao.runtime;

import java.util.List;

/**
 * What the runtime knows of a model, written by the processor into each generated DAO: its key
 * name, its id type, its stored fields (position 0 is the id), whether its id set is a sorted set
 * kept in the order of {@code @Model(ordering)}, the position of its {@code @Version} field (0
 * when it has none), its {@code @Model(group)} ("" for none), the references other models hold
 * to it, and its Lua: the write module, which {@link WriteScripts} completes into the scripts of
 * calls with several objects or models; the straight-line scripts of a save of one object and a
 * delete of one object (null when the model's deletes follow references, which takes the
 * module); and three reading scripts.
 */
public record ModelSchema<ID>(
        String name,
        String group,
        IdType<ID> idType,
        List<String> fields,
        boolean ordered,
        int versionField,
        List<IncomingReference> referencedBy,
        String writeModule,
        Script saveOne,
        Script deleteOne,
        Script load,
        Script loadByUnique,
        Script query) {

    public ModelSchema {
        fields = List.copyOf(fields);
        referencedBy = List.copyOf(referencedBy);
        if (versionField < 0 || versionField >= fields.size()) {
            throw new IllegalArgumentException("version field position " + versionField + " of " + name);
        }
    }

    /** Whether the model has a {@code @Version} field. */
    public boolean versioned() {
        return versionField > 0;
    }
}
