package dev.redao.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * A structure field of a model: a {@code RedisList}, {@code RedisSet}, {@code RedisSortedSet},
 * {@code RedisMap} or {@code TimeSeries} the object owns, under a key of its own. Not stored in the
 * object's hash; a loaded object holds its handle.
 *
 * @param name the field's name
 * @param kind which structure
 * @param type the field's declared type, with its element types
 * @param elementTypes the element types in declaration order (a map's key, then its value)
 * @param elementKinds how each element type is stored, as a field of that type would be
 * @param write how a class's instance is given its handle (unused for records)
 */
public record StructureField(String name, StructureKind kind, TypeName type, List<TypeName> elementTypes,
                             List<ValueKind> elementKinds, Access write) {
    public StructureField {
        elementTypes = List.copyOf(elementTypes);
        elementKinds = List.copyOf(elementKinds);
    }
}
