package dev.redao.processor.parse;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Model} type as found in the source.
 *
 * @param element the model type
 * @param name the key name: {@code @Model(name)} or the simple name in lower case
 * @param modelAnnotation the {@code @Model} mirror, to point errors at it
 * @param nameValue the {@code name} attribute, or null when it was not given
 * @param orderingValue the {@code ordering} attribute, or null when it was not given
 * @param events the {@code events} attribute
 * @param group the {@code group} attribute, "" for none
 * @param groupValue the {@code group} attribute, or null when it was not given
 * @param manyToMany its {@code @ManyToMany} annotations, in source order
 * @param record whether the type is a record
 * @param fields the candidate stored members, superclass members first
 */
public record ParsedModel(
        TypeElement element,
        String name,
        AnnotationMirror modelAnnotation,
        AnnotationValue nameValue,
        AnnotationValue orderingValue,
        boolean events,
        String group,
        AnnotationValue groupValue,
        List<AnnotationMirror> manyToMany,
        boolean record,
        List<ParsedField> fields) {}
