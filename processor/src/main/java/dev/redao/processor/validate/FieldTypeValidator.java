package dev.redao.processor.validate;

import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/** A stored field's type, which the generated DAO names and reads back from its stored text. */
final class FieldTypeValidator {
    private final Elements elements;
    private final Reporter reporter;

    FieldTypeValidator(Elements elements, Reporter reporter) {
        this.elements = elements;
        this.reporter = reporter;
    }

    void check(ParsedModel parsed, ParsedField f) {
        checkAccessible(parsed, f);
        checkNotRaw(f);
    }

    /** Generated code names every stored field's type, type arguments included. */
    private void checkAccessible(ParsedModel parsed, ParsedField f) {
        String pkg = elements.getPackageOf(parsed.element()).getQualifiedName().toString();
        TypeElement hidden = firstInaccessible(f.type(), pkg);
        if (hidden != null) {
            reporter.error(f.reportOn(), Message.fieldTypeNotAccessible(f.name(), f.type(),
                    hidden.getQualifiedName().toString(), hidden.getModifiers().contains(Modifier.PRIVATE),
                    elements.getPackageOf(hidden).getQualifiedName().toString(), pkg));
        }
    }

    private TypeElement firstInaccessible(TypeMirror type, String pkg) {
        if (type instanceof ArrayType array) {
            return firstInaccessible(array.getComponentType(), pkg);
        }
        if (type instanceof WildcardType wildcard) {
            TypeMirror bound = wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : wildcard.getSuperBound();
            return bound == null ? null : firstInaccessible(bound, pkg);
        }
        if (!(type instanceof DeclaredType declared)) {
            return null;
        }
        for (Element e = declared.asElement(); e instanceof TypeElement t; e = t.getEnclosingElement()) {
            boolean samePackage = elements.getPackageOf(t).getQualifiedName().contentEquals(pkg);
            if (t.getModifiers().contains(Modifier.PRIVATE) || (!t.getModifiers().contains(Modifier.PUBLIC) && !samePackage)) {
                return t;
            }
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
            TypeElement hidden = firstInaccessible(argument, pkg);
            if (hidden != null) {
                return hidden;
            }
        }
        return null;
    }

    /** A raw generic type has no element type to read JSON back into. */
    private void checkNotRaw(ParsedField f) {
        if (f.type() instanceof DeclaredType declared && declared.getTypeArguments().isEmpty()
                && !((TypeElement) declared.asElement()).getTypeParameters().isEmpty()) {
            List<String> parameters = new ArrayList<>();
            for (TypeParameterElement parameter : ((TypeElement) declared.asElement()).getTypeParameters()) {
                parameters.add(parameter.getSimpleName().toString());
            }
            reporter.error(f.reportOn(), Message.fieldRawType(f.name(), f.type(), parameters));
        }
    }
}
