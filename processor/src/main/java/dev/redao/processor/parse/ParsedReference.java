package dev.redao.processor.parse;

import dev.redao.annotations.OnDelete;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.TypeMirror;

/**
 * A field's {@code @References} as written, with the mirror and attribute values that errors
 * point at. On a record the mirror is the one on the component's field, where errors go.
 *
 * @param mirror the annotation
 * @param targetValue the {@code value} attribute
 * @param target the referenced type: an {@link javax.lang.model.type.TypeKind#ERROR} type (or
 *     null) while it is not generated yet
 * @param onDeleteValue the {@code onDelete} attribute
 * @param onDelete what deleting the referenced object does, or null when it cannot be read
 */
public record ParsedReference(
        AnnotationMirror mirror,
        AnnotationValue targetValue,
        TypeMirror target,
        AnnotationValue onDeleteValue,
        OnDelete onDelete) {

    /** Whether deleting a referenced object acts on the referencing ones, so both DAOs must know the reference. */
    public boolean actsOnDelete() {
        return onDelete != OnDelete.KEEP;
    }
}
