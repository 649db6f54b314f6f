package dev.redao.processor.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

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
    public static final String STORED = "dev.redao.annotations.Stored";
    public static final String QUERIES = "dev.redao.annotations.Queries";
    public static final String REFERENCES = "dev.redao.annotations.References";
    public static final String MANY_TO_MANY = "dev.redao.annotations.ManyToMany";
    /** The container javac writes for repeated {@code @ManyToMany}. */
    public static final String MANY_TO_MANY_ALL = "dev.redao.annotations.ManyToMany.All";
    /**
     * The JDK's marker on the files this processor writes: claimed with Redao's own annotations, so
     * that {@code -Xlint:processing} finds no unclaimed annotation in them.
     */
    public static final String GENERATED = "javax.annotation.processing.Generated";

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

    /** The attribute, given or defaulted. */
    public static AnnotationValue value(Elements elements, AnnotationMirror mirror, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : elements.getElementValuesWithDefaults(mirror).entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(attribute)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The type of a class-valued attribute; an {@link javax.lang.model.type.TypeKind#ERROR} type
     * (or null) while the class is not generated yet.
     */
    public static TypeMirror classValue(AnnotationValue value) {
        return value != null && value.getValue() instanceof TypeMirror type ? type : null;
    }

    /** The constant's name of an enum-valued attribute, or null. */
    public static String enumValue(AnnotationValue value) {
        return value != null && value.getValue() instanceof VariableElement constant
                ? constant.getSimpleName().toString()
                : null;
    }

    /**
     * Every {@code @ManyToMany} of the type: one written alone, or each of those javac gathered
     * into the container when several are written.
     */
    public static List<AnnotationMirror> manyToMany(Element type) {
        List<AnnotationMirror> out = new ArrayList<>();
        AnnotationMirror single = find(type, MANY_TO_MANY);
        if (single != null) {
            out.add(single);
        }
        AnnotationMirror container = find(type, MANY_TO_MANY_ALL);
        AnnotationValue all = container == null ? null : explicitValue(container, "value");
        if (all != null && all.getValue() instanceof List<?> values) {
            for (Object v : values) {
                if (v instanceof AnnotationValue item && item.getValue() instanceof AnnotationMirror mirror) {
                    out.add(mirror);
                }
            }
        }
        return out;
    }

    /** The simple name of an annotation's qualified name, for messages. */
    public static String simpleName(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }
}
