package dev.redao.processor.parse;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * One {@code @Index} of {@code @Model(indexes)} as written, with the mirror and attribute that
 * errors point at.
 *
 * @param mirror the {@code @Index} annotation, nested in {@code @Model}
 * @param value its {@code value} attribute
 * @param names the field names it gives, in order, as written
 */
public record ParsedIndex(AnnotationMirror mirror, AnnotationValue value, List<String> names) {

    public ParsedIndex {
        names = List.copyOf(names);
    }

    /** The annotation as a message quotes it: {@code @Index({"country", "age"})}. */
    public String text() {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ", "@Index({", "})"));
    }
}
