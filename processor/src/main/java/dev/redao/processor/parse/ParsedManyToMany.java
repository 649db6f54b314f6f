package dev.redao.processor.parse;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.TypeMirror;

/**
 * One {@code @ManyToMany} of a model as written.
 *
 * @param mirror the annotation
 * @param index its place among the model's {@code @ManyToMany} annotations, in source order
 * @param alone whether it is written alone; several are gathered by javac into a container whose
 *     members the source tree must be searched for, to point at one of them
 * @param nameValue the {@code name} attribute
 * @param name the relation's name
 * @param toValue the {@code to} attribute
 * @param to the linked type: an {@link javax.lang.model.type.TypeKind#ERROR} type (or null) while
 *     it is not generated yet
 */
public record ParsedManyToMany(
        AnnotationMirror mirror,
        int index,
        boolean alone,
        AnnotationValue nameValue,
        String name,
        AnnotationValue toValue,
        TypeMirror to) {}
