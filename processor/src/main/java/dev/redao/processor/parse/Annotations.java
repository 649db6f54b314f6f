package dev.redao.processor.parse;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Finds Redao's annotations by name through mirrors, so that they are read the same way from
 * source and from class files of other modules (retention CLASS).
 */
public final class Annotations {
    public static final String MODEL = "dev.redao.annotations.Model";
    public static final String ID = "dev.redao.annotations.Id";
    public static final String INDEXED = "dev.redao.annotations.Indexed";
    public static final String UNIQUE = "dev.redao.annotations.Unique";
    public static final String VERSION = "dev.redao.annotations.Version";
    public static final String TRANSIENT = "dev.redao.annotations.Transient";

    private Annotations() {}

    public static AnnotationMirror find(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(qualifiedName)) {
                return mirror;
            }
        }
        return null;
    }

    public static boolean has(Element element, String qualifiedName) {
        return find(element, qualifiedName) != null;
    }

    /** The attribute as written in the source, or null when the default applies. */
    public static AnnotationValue explicitValue(AnnotationMirror mirror, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(attribute)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The simple name of an annotation's qualified name, for messages. */
    public static String simpleName(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }
}
