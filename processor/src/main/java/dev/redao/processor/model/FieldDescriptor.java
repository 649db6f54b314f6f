package dev.redao.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * One stored field of a model, as the later phases need it: no javac elements, only names,
 * types and decisions.
 *
 * @param name the Java name
 * @param type the declared type
 * @param kind how the value is stored
 * @param primitive whether the declared type is primitive (a missing value reads as its default)
 * @param index the index kept for the field
 * @param prefix whether the field's {@code @Indexed} asks for {@code prefix = true} (only ever
 *     true on an indexed String field that is no reference)
 * @param unique whether the field is {@code @Unique}
 * @param read how generated code reads the value from an object
 * @param write how generated code puts the value into an object
 * @param reference the referenced model of a {@code @References} field, or null; such a field
 *     has a {@link IndexKind#SET} index whatever its type (one set per referenced id)
 * @param stored the name it is stored under: the hash field's and its index keys', the Java name
 *     unless {@code @Stored} gives another
 */
public record FieldDescriptor(
        String name,
        TypeName type,
        ValueKind kind,
        boolean primitive,
        IndexKind index,
        boolean prefix,
        boolean unique,
        Access read,
        Access write,
        Reference reference,
        String stored) {

    /**
     * Indexed strings with {@code @Indexed(prefix = true)} also get a lexicographic index, which
     * serves {@code startsWith}; references never do: prefixes of ids mean nothing.
     */
    public boolean lexIndexed() {
        return prefix && kind == ValueKind.STRING && index == IndexKind.SET && reference == null;
    }

    /** Whether a save needs the field's previous value to move index or unique entries. */
    public boolean tracked() {
        return unique || index != IndexKind.NONE;
    }
}
