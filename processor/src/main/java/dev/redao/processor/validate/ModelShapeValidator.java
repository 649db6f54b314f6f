package dev.redao.processor.validate;

import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.util.ElementFilter;

/**
 * The model type itself: the generated DAO, public and in another class, must be able to name
 * the type and to create its objects, so it is a public, concrete, non-inner class or record
 * without type parameters.
 */
final class ModelShapeValidator {
    private final Reporter reporter;

    ModelShapeValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    /** False, reported, when the type is no class or record: nothing else about it can be checked. */
    boolean checkKind(TypeElement type) {
        if (type.getKind() == ElementKind.CLASS || type.getKind() == ElementKind.RECORD) {
            return true;
        }
        reporter.error(type, Message.MODEL_NOT_CLASS_OR_RECORD, kindName(type), type.getQualifiedName());
        return false;
    }

    void checkShape(TypeElement type) {
        if (!type.getModifiers().contains(Modifier.PUBLIC)) {
            reporter.error(type, Message.MODEL_NOT_PUBLIC, type.getQualifiedName());
        }
        if (type.getNestingKind() == NestingKind.MEMBER) {
            if (type.getKind() == ElementKind.CLASS && !type.getModifiers().contains(Modifier.STATIC)) {
                reporter.error(type, Message.MODEL_INNER_CLASS, type.getQualifiedName());
            }
            Element enclosing = type.getEnclosingElement();
            while (enclosing instanceof TypeElement outer) {
                if (!outer.getModifiers().contains(Modifier.PUBLIC)) {
                    reporter.error(type, Message.MODEL_ENCLOSING_NOT_PUBLIC, type.getSimpleName(), outer.getQualifiedName());
                    break;
                }
                enclosing = outer.getEnclosingElement();
            }
        } else if (type.getNestingKind() != NestingKind.TOP_LEVEL) {
            reporter.error(type, Message.MODEL_NOT_PUBLIC, type.getSimpleName());
        }
        if (type.getKind() == ElementKind.CLASS && type.getModifiers().contains(Modifier.ABSTRACT)) {
            reporter.error(type, Message.MODEL_ABSTRACT, type.getQualifiedName());
        }
        if (!type.getTypeParameters().isEmpty()) {
            List<String> parameters = new ArrayList<>();
            for (TypeParameterElement parameter : type.getTypeParameters()) {
                parameters.add(parameter.getSimpleName().toString());
            }
            reporter.error(type, Message.modelGeneric(type.getQualifiedName().toString(), parameters));
        }
    }

    /** A class is created empty and then filled; a record through its canonical constructor. */
    void checkConstructor(TypeElement type) {
        for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE)) {
                return;
            }
        }
        reporter.error(type, Message.MODEL_NO_CONSTRUCTOR, type.getQualifiedName());
    }

    private static String kindName(TypeElement type) {
        return switch (type.getKind()) {
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + type.getKind().toString().toLowerCase(Locale.ROOT);
        };
    }
}
