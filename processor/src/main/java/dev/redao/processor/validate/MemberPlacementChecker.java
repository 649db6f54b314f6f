package dev.redao.processor.validate;

import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.parse.Annotations;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * {@code @Id}, {@code @Indexed}, {@code @Unique}, {@code @Version} and {@code @References} mean
 * something only in a {@code @Model}, or in an abstract class that models extend; {@code @ManyToMany}
 * only on a {@code @Model}. Anywhere else they would be silently ignored, so they are errors.
 */
public final class MemberPlacementChecker {
    private static final List<String> MEMBER_ANNOTATIONS = List.of(
            Annotations.ID, Annotations.INDEXED, Annotations.UNIQUE, Annotations.VERSION, Annotations.REFERENCES);

    private final Elements elements;
    private final Reporter reporter;

    public MemberPlacementChecker(Elements elements, Reporter reporter) {
        this.elements = elements;
        this.reporter = reporter;
    }

    public void check(RoundEnvironment round) {
        for (String annotation : MEMBER_ANNOTATIONS) {
            TypeElement annotationType = elements.getTypeElement(annotation);
            if (annotationType == null) {
                continue;
            }
            for (Element member : round.getElementsAnnotatedWith(annotationType)) {
                // a record component's annotation is also on its field: report once, on the field
                if (member.getKind() == ElementKind.RECORD_COMPONENT) {
                    continue;
                }
                Element owner = member.getEnclosingElement();
                if (!(owner instanceof TypeElement type) || isModelOrBase(type)) {
                    continue;
                }
                String name = type.getSimpleName().toString();
                reporter.error(member, Message.MEMBER_OUTSIDE_MODEL, Annotations.simpleName(annotation),
                        name + "." + member.getSimpleName(), name, name);
            }
        }
        Set<TypeElement> linkAnnotations = new LinkedHashSet<>();
        for (String annotation : List.of(Annotations.MANY_TO_MANY, Annotations.MANY_TO_MANY_ALL)) {
            TypeElement annotationType = elements.getTypeElement(annotation);
            if (annotationType != null) {
                linkAnnotations.add(annotationType);
            }
        }
        if (!linkAnnotations.isEmpty()) {
            for (Element type : round.getElementsAnnotatedWithAny(linkAnnotations.toArray(new TypeElement[0]))) {
                if (!Annotations.has(type, Annotations.MODEL)) {
                    String name = type.getSimpleName().toString();
                    reporter.error(type, Message.MANY_TO_MANY_OUTSIDE_MODEL, name, name, name);
                }
            }
        }
    }

    private static boolean isModelOrBase(TypeElement type) {
        return Annotations.has(type, Annotations.MODEL)
                || (type.getKind() == ElementKind.CLASS && type.getModifiers().contains(Modifier.ABSTRACT));
    }
}
