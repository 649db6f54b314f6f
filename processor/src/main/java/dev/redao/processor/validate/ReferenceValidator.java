package dev.redao.processor.validate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.redao.annotations.OnDelete;
import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.IdKind;
import dev.redao.processor.model.Link;
import dev.redao.processor.model.Reference;
import dev.redao.processor.parse.Annotations;
import dev.redao.processor.parse.ModelReader;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedManyToMany;
import dev.redao.processor.parse.ParsedModel;
import dev.redao.processor.parse.TypeClassifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks {@code @References} fields and {@code @ManyToMany} annotations against the models they
 * name. A delete that acts on referencing objects (every {@code onDelete} but KEEP) runs in one
 * script with both models, so they must share a cluster slot, and the referenced model's DAO must
 * be generated knowing the reference.
 */
final class ReferenceValidator {
    /** A relation name becomes part of a Java class name and of a key name. */
    private static final Pattern LINK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final Elements elements;
    private final Types types;
    private final Reporter reporter;
    private final ReferenceScope scope;

    ReferenceValidator(Elements elements, Types types, Reporter reporter, ReferenceScope scope) {
        this.elements = elements;
        this.types = types;
        this.reporter = reporter;
        this.scope = scope;
    }

    /** A referenced or linked model, read like the model being checked. */
    private record Target(TypeElement element, ParsedModel parsed, ParsedField id, IdKind idKind) {
        String simpleName() {
            return element.getSimpleName().toString();
        }
    }

    /**
     * The reference of a {@code @References} field, or null when it has errors (reported) or its
     * target has errors of its own (reported when the target is checked).
     */
    Reference reference(ParsedModel model, ParsedField f) {
        AnnotationMirror mirror = f.reference().mirror();
        AnnotationValue value = f.reference().targetValue();
        AnnotationValue onDeleteValue = f.reference().onDeleteValue();
        OnDelete onDelete = f.reference().onDelete();
        TypeElement targetType = modelType(f.reference().target());
        if (targetType == null) {
            TypeMirror named = f.reference().target();
            String simple = named instanceof DeclaredType d ? d.asElement().getSimpleName().toString() : String.valueOf(named);
            reporter.error(f.reportOn(), mirror, value, Message.REFERENCE_NOT_MODEL, simple, f.name(), named, simple);
            return null;
        }
        Target target = read(model, targetType);
        TypeElement self = model.element();
        boolean sameModel = targetType.equals(self);
        boolean ok = true;
        if (onDelete != OnDelete.KEEP) {
            if (!sameModel && !scope.unwritten(targetType) && !scope.announced(self, f.name())) {
                reporter.error(f.reportOn(), mirror, onDeleteValue, Message.REFERENCE_TARGET_NOT_IN_ROUND,
                        target.simpleName(), onDelete, f.name(), target.simpleName(), self.getSimpleName(),
                        target.simpleName());
                ok = false;
            } else if (!sameModel && (model.group().isEmpty() || !model.group().equals(target.parsed().group()))) {
                reporter.error(f.reportOn(), mirror, onDeleteValue, Message.REFERENCE_GROUP_MISMATCH,
                        target.simpleName(), onDelete, f.name(), target.simpleName(), self.getSimpleName(),
                        groups(model, target.parsed()));
                ok = false;
            }
        }
        if (target.idKind() == null) {
            if (scope.unwritten(targetType) || sameModel) {
                return null; // the target's own id error is reported when it is checked
            }
            if (target.id() == null) {
                reporter.error(f.reportOn(), mirror, value, Message.REFERENCE_NOT_MODEL, target.simpleName(), f.name(),
                        targetType.getQualifiedName(), target.simpleName());
            } else {
                reporter.error(f.reportOn(), Message.REFERENCE_TYPE_MISMATCH, f.name(), f.type(), target.simpleName(),
                        target.id().type(), target.id().type());
            }
            return null;
        }
        if (!types.isSameType(f.type(), target.id().type())) {
            reporter.error(f.reportOn(), Message.REFERENCE_TYPE_MISMATCH, f.name(), f.type(), target.simpleName(),
                    target.id().type(), simpleTypeName(target.id().type()));
            ok = false;
        }
        if (!ok) {
            return null;
        }
        return new Reference(ClassName.get(targetType), target.parsed().name(), target.parsed().group(),
                target.parsed().ordered(), target.idKind(), onDelete);
    }

    /**
     * The link models of the model's {@code @ManyToMany} annotations, each checked; those with
     * errors are left out (and reported).
     *
     * @param sourceId the model's id type
     * @param taken the link types generated for other models already
     */
    List<Link> links(ParsedModel model, TypeName sourceId, Set<ClassName> taken) {
        TypeElement source = model.element();
        String simpleSource = source.getSimpleName().toString();
        ClassName sourceName = ClassName.get(source);
        List<Link> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ParsedManyToMany relation : model.manyToMany()) {
            String name = relation.name();
            if (!LINK_NAME.matcher(name).matches()) {
                report(model, relation, "name", Message.MANY_TO_MANY_NAME_INVALID, name, simpleSource);
                continue;
            }
            ClassName linkType = ClassName.get(sourceName.packageName(),
                    String.join("_", sourceName.simpleNames()) + ModelReader.capitalize(name));
            if (!names.add(name)) {
                report(model, relation, "name", Message.MANY_TO_MANY_NAME_DUPLICATE, simpleSource, name,
                        linkType.simpleName());
                continue;
            }
            TypeElement existing = elements.getTypeElement(linkType.canonicalName());
            // a @Model record of that name from a class file is the link of an earlier build
            boolean earlierBuild = existing != null && existing.getKind() == ElementKind.RECORD
                    && Annotations.has(existing, Annotations.MODEL) && !scope.fromSource(existing);
            if (taken.contains(linkType) || (existing != null && !earlierBuild)) {
                report(model, relation, "name", Message.MANY_TO_MANY_NAME_CLASH, name, simpleSource,
                        linkType.simpleName(), linkType.canonicalName());
                continue;
            }
            TypeMirror to = relation.to();
            TypeElement targetType = modelType(to);
            if (targetType == null) {
                String simple = to instanceof DeclaredType d ? d.asElement().getSimpleName().toString() : String.valueOf(to);
                report(model, relation, "to", Message.MANY_TO_MANY_TARGET_NOT_MODEL, simple, simpleSource, to, simple);
                continue;
            }
            Target target = read(model, targetType);
            boolean sameModel = targetType.equals(source);
            if (!sameModel && !scope.unwritten(targetType)) {
                report(model, relation, "to", Message.MANY_TO_MANY_TARGET_NOT_IN_ROUND, target.simpleName(),
                        name, simpleSource, target.simpleName(), simpleSource, linkType.simpleName(), target.simpleName());
                continue;
            }
            if (model.group().isEmpty() || !model.group().equals(target.parsed().group())) {
                report(model, relation, "to", Message.MANY_TO_MANY_GROUP_MISMATCH, target.simpleName(), name,
                        simpleSource, simpleSource, target.simpleName(), linkType.simpleName(),
                        sameModel ? simpleSource + " has no group" : groups(model, target.parsed()),
                        simpleSource, target.simpleName());
                continue;
            }
            if (target.idKind() == null) {
                continue; // the target's own id error is reported when it is checked
            }
            String targetSimple = target.simpleName();
            boolean sameNames = targetSimple.equals(simpleSource);
            out.add(new Link(linkType, model.name() + "_" + name, model.group(),
                    sourceName, sourceId, sameNames ? "fromId" : decapitalize(simpleSource) + "Id",
                    ClassName.get(targetType), TypeName.get(target.id().type()),
                    sameNames ? "toId" : decapitalize(targetSimple) + "Id"));
        }
        return out;
    }

    /**
     * An error on an attribute of a {@code @ManyToMany}: through its mirror when it stands alone,
     * else (one of several, in javac's container) by its place among them.
     */
    private void report(ParsedModel model, ParsedManyToMany link, String attribute, Message message, Object... args) {
        TypeElement source = model.element();
        if (link.alone()) {
            AnnotationValue value = attribute.equals("name") ? link.nameValue() : link.toValue();
            reporter.error(source, link.mirror(), value, message, args);
        } else {
            reporter.errorOnRepeated(source, "ManyToMany", link.index(), attribute, message, args);
        }
    }

    private static TypeElement modelType(TypeMirror type) {
        if (type instanceof DeclaredType declared && declared.asElement() instanceof TypeElement element
                && Annotations.has(element, Annotations.MODEL)) {
            return element;
        }
        return null;
    }

    private Target read(ParsedModel model, TypeElement type) {
        ParsedModel parsed = type.equals(model.element()) ? model : new ModelReader(elements, types).read(type);
        ParsedField id = null;
        for (ParsedField f : parsed.fields()) {
            if (f.id()) {
                id = f;
                break;
            }
        }
        IdKind kind = id == null ? null : TypeClassifier.idKind(id.type());
        return new Target(type, parsed, id, kind);
    }

    /** Why two models are not in one slot, for example "Order has no group and Customer is in group 'shop'". */
    private static String groups(ParsedModel a, ParsedModel b) {
        if (a.group().isEmpty() && b.group().isEmpty()) {
            return "neither " + a.element().getSimpleName() + " nor " + b.element().getSimpleName()
                    + " has a group, and a model without a group is a slot of its own";
        }
        return group(a) + " and " + group(b);
    }

    private static String group(ParsedModel m) {
        return m.group().isEmpty()
                ? m.element().getSimpleName() + " has no group"
                : m.element().getSimpleName() + " is in group '" + m.group() + "'";
    }

    private static String simpleTypeName(TypeMirror type) {
        return type instanceof DeclaredType d ? d.asElement().getSimpleName().toString() : type.toString();
    }

    private static String decapitalize(String name) {
        return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }
}
