package dev.redao.processor.parse;

import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * A candidate stored member as found in the source, before any judgement.
 *
 * @param name the member's name
 * @param type its type, as seen from the model (type arguments of superclasses applied)
 * @param reportOn where errors about it go: the field (javac shows no source line for a record component)
 * @param field the field, or null for a record component without one (never happens in practice)
 * @param getter a method without parameters that reads it, or null (records: the accessor)
 * @param setter a one-parameter method that writes it, or null
 * @param id whether it carries {@code @Id}
 * @param indexed whether it carries {@code @Indexed}
 * @param prefix whether its {@code @Indexed} says {@code prefix = true}
 * @param unique whether it carries {@code @Unique}
 * @param version whether it carries {@code @Version}
 * @param reference its {@code @References}, or null
 * @param markedTransient whether it carries {@code @Transient}
 * @param storedAs the name of its {@code @Stored}, or null for none
 */
public record ParsedField(
        String name,
        TypeMirror type,
        Element reportOn,
        VariableElement field,
        ExecutableElement getter,
        ExecutableElement setter,
        boolean id,
        boolean indexed,
        boolean prefix,
        boolean unique,
        boolean version,
        ParsedReference reference,
        boolean markedTransient,
        String storedAs) {}
