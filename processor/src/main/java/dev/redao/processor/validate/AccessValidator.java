package dev.redao.processor.validate;

import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.Access;
import dev.redao.processor.parse.ModelReader;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedModel;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * How the generated DAO, a class in the model's package, reads a stored field from an object and
 * puts it into one: through the field itself, a getter or setter, or a record's accessor and
 * canonical constructor.
 */
final class AccessValidator {
    /** How generated code reads and writes one field. */
    record Accessors(Access read, Access write) {}

    private final Elements elements;
    private final Types types;
    private final Reporter reporter;

    AccessValidator(Elements elements, Types types, Reporter reporter) {
        this.elements = elements;
        this.types = types;
        this.reporter = reporter;
    }

    /** The field's accessors, or null if generated code cannot read or write it (reported). */
    Accessors accessors(ParsedModel parsed, ParsedField f) {
        if (parsed.record()) {
            return new Accessors(Access.method(f.name()), Access.constructor());
        }
        String pkg = elements.getPackageOf(parsed.element()).getQualifiedName().toString();
        Access read = null;
        if (accessible(f.field(), pkg)) {
            read = Access.field(f.name());
        } else if (f.getter() != null && accessible(f.getter(), pkg)) {
            read = Access.method(f.getter().getSimpleName().toString());
        }
        Access write = null;
        if (accessible(f.field(), pkg) && !f.field().getModifiers().contains(Modifier.FINAL)) {
            write = Access.field(f.name());
        } else if (f.setter() != null && accessible(f.setter(), pkg)) {
            write = Access.setter(f.setter().getSimpleName().toString());
        }
        String capitalized = ModelReader.capitalize(f.name());
        String getter = (f.type().getKind() == TypeKind.BOOLEAN ? "is" : "get") + capitalized;
        if (read == null && write == null && !f.field().getModifiers().contains(Modifier.FINAL)) {
            // one problem, one message: making the field non-private would fix both ways
            reporter.error(f.reportOn(), Message.FIELD_NOT_ACCESSIBLE, f.name(), getter, "set" + capitalized,
                    types.erasure(f.type()));
            return null;
        }
        if (read == null) {
            reporter.error(f.reportOn(), Message.FIELD_NOT_READABLE, f.name(), getter);
        }
        if (write == null) {
            String why = f.field().getModifiers().contains(Modifier.FINAL) ? "final"
                    : f.field().getModifiers().contains(Modifier.PRIVATE) ? "private" : "not accessible from package '" + pkg + "'";
            reporter.error(f.reportOn(), Message.FIELD_NOT_WRITABLE, f.name(), why, "set" + capitalized, types.erasure(f.type()));
        }
        return read == null || write == null ? null : new Accessors(read, write);
    }

    /** Whether generated code in the model's package can use the member. */
    private boolean accessible(Element member, String modelPackage) {
        if (member == null) {
            return false;
        }
        if (member.getModifiers().contains(Modifier.PRIVATE)) {
            return false;
        }
        if (member.getModifiers().contains(Modifier.PUBLIC)) {
            TypeElement owner = (TypeElement) member.getEnclosingElement();
            return owner.getModifiers().contains(Modifier.PUBLIC)
                    || elements.getPackageOf(owner).getQualifiedName().contentEquals(modelPackage);
        }
        return elements.getPackageOf(member).getQualifiedName().contentEquals(modelPackage);
    }
}
