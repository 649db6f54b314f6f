package dev.redao.processor.model;

/**
 * A compound sorted index of {@code @Model(indexes)}: per value of the first field, a sorted set
 * of the objects that hold it, scored by the second field.
 *
 * @param first the field selected by equality: it has a {@link IndexKind#SET} index
 * @param second the field sorted by: it has a {@link IndexKind#SORTED} index
 */
public record CompoundIndex(FieldDescriptor first, FieldDescriptor second) {

    public CompoundIndex {
        if (first.index() != IndexKind.SET || second.index() != IndexKind.SORTED) {
            throw new IllegalArgumentException("compound index (" + first.name() + ", " + second.name()
                    + ") needs a set index, then a sorted index");
        }
    }
}
