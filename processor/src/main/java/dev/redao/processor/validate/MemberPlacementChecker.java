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
    private static final List<String> TYPE_ANNOTATIONS = List.of(Annotations.MANY_TO_MANY, Annotations.MANY_TO_MANY_ALL);

    private final Elements elements;
    private final Reporter reporter;

    public MemberPlacementChecker(Elements elements, Reporter reporter) {
        this.elements = elements;
        this.reporter = reporter;
    }

    /** The elements of the round that carry one of the annotations, each once, to {@link #check} one by one. */
    public Set<Element> annotated(RoundEnvironment round) {
        Set<TypeElement> annotations = new LinkedHashSet<>();
        for (String name : MEMBER_ANNOTATIONS) {
            addIfKnown(annotations, name);
        }
        for (String name : TYPE_ANNOTATIONS) {
            addIfKnown(annotations, name);
        }
        return annotations.isEmpty() ? Set.of()
                : new LinkedHashSet<>(round.getElementsAnnotatedWithAny(annotations.toArray(new TypeElement[0])));
    }

    private void addIfKnown(Set<TypeElement> annotations, String name) {
        TypeElement type = elements.getTypeElement(name);
        if (type != null) {
            annotations.add(type);
        }
    }

    public void check(Element element) {
        // a record component's annotation is also on its field: report once, on the field
        if (element.getKind() != ElementKind.RECORD_COMPONENT
                && element.getEnclosingElement() instanceof TypeElement owner && !isModelOrBase(owner)) {
            String name = owner.getSimpleName().toString();
            for (String annotation : MEMBER_ANNOTATIONS) {
                if (Annotations.has(element, annotation)) {
                    reporter.error(element, Message.MEMBER_OUTSIDE_MODEL, Annotations.simpleName(annotation),
                            name + "." + element.getSimpleName(), name, name);
                }
            }
        }
        if (hasAny(element, TYPE_ANNOTATIONS) && !Annotations.has(element, Annotations.MODEL)) {
            String name = element.getSimpleName().toString();
            reporter.error(element, Message.MANY_TO_MANY_OUTSIDE_MODEL, name, name, name);
        }
    }

    private static boolean hasAny(Element element, List<String> annotations) {
        for (String annotation : annotations) {
            if (Annotations.has(element, annotation)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isModelOrBase(TypeElement type) {
        return Annotations.has(type, Annotations.MODEL)
                || (type.getKind() == ElementKind.CLASS && type.getModifiers().contains(Modifier.ABSTRACT));
    }
}
