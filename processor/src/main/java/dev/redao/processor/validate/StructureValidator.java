package dev.redao.processor.validate;

import com.palantir.javapoet.TypeName;
import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.StructureField;
import dev.redao.processor.model.StructureKind;
import dev.redao.processor.model.ValueKind;
import dev.redao.processor.parse.Annotations;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedModel;
import dev.redao.processor.parse.TypeClassifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Structure fields ({@code RedisList<E>}, {@code RedisSet<E>}, {@code RedisSortedSet<E>},
 * {@code RedisMap<K, V>}, {@code TimeSeries<V>}): their element types must be ones a field could
 * store as text, and no storage annotation applies to them.
 */
final class StructureValidator {

    private static final String MODEL_DAO = "dev.redao.runtime.ModelDao";

    private final Elements elements;
    private final AccessValidator access;
    private final Reporter reporter;

    StructureValidator(Elements elements, AccessValidator access, Reporter reporter) {
        this.elements = elements;
        this.access = access;
        this.reporter = reporter;
    }

    /** The names of ModelDao's methods, which a generated DAO inherits. */
    private Set<String> daoMethodNames() {
        TypeElement dao = elements.getTypeElement(MODEL_DAO);
        Set<String> names = new HashSet<>();
        if (dao != null) {
            for (Element member : dao.getEnclosedElements()) {
                if (member.getKind() == ElementKind.METHOD) {
                    names.add(member.getSimpleName().toString());
                }
            }
        }
        return names;
    }

    /** The structure kind of a field's type, or null for any other type. */
    static StructureKind kindOf(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        return StructureKind.of(element.getQualifiedName().toString());
    }

    /** The structure field, or null after reporting why it cannot be one. */
    StructureField check(ParsedModel parsed, ParsedField f, StructureKind kind) {
        boolean valid = true;
        // a structure is not stored in the object's hash: no storage annotation applies to it
        for (String annotation : UnstoredFieldValidator.STORAGE_ANNOTATIONS) {
            if (Annotations.has(f.reportOn(), annotation)) {
                reporter.error(f.reportOn(), Message.STRUCTURE_ANNOTATED, f.name(), Annotations.simpleName(annotation));
                valid = false;
            }
        }
        if (daoMethodNames().contains(f.name())) {
            // the DAO gives the handle as a method named after the field
            reporter.error(f.reportOn(), Message.STRUCTURE_NAME_TAKEN, f.name(), parsed.element().getSimpleName());
            valid = false;
        }
        List<? extends TypeMirror> arguments = ((DeclaredType) f.type()).getTypeArguments();
        if (arguments.size() != kind.elementTypes()) {
            String example = kind.elementTypes() == 2 ? kind.className().simpleName() + "<String, Integer>"
                    : kind.className().simpleName() + "<String>";
            reporter.error(f.reportOn(), Message.STRUCTURE_RAW, f.name(), kind.className().simpleName(),
                    kind.elementTypes() == 2 ? "key and value types" : "type", example);
            return null;
        }
        List<TypeName> elementTypes = new ArrayList<>();
        List<ValueKind> elementKinds = new ArrayList<>();
        for (TypeMirror argument : arguments) {
            ValueKind elementKind = argument.getKind() == TypeKind.DECLARED ? TypeClassifier.classify(argument) : ValueKind.JSON;
            if (elementKind == ValueKind.JSON || elementKind == ValueKind.BYTES) {
                reporter.error(f.reportOn(), Message.STRUCTURE_ELEMENT_TYPE, f.name(), kind.className().simpleName(), argument.toString());
                valid = false;
            }
            elementTypes.add(TypeName.get(argument));
            elementKinds.add(elementKind);
        }
        AccessValidator.Accessors accessors = access.accessors(parsed, f);
        if (!valid || accessors == null) {
            return null;
        }
        return new StructureField(f.name(), kind, TypeName.get(f.type()), elementTypes, elementKinds, accessors.write());
    }
}
