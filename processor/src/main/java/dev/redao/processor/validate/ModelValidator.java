package dev.redao.processor.validate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.Access;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.IdKind;
import dev.redao.processor.model.IndexKind;
import dev.redao.processor.model.Link;
import dev.redao.processor.model.ModelDescriptor;
import dev.redao.processor.model.Reference;
import dev.redao.processor.model.ValueKind;
import dev.redao.processor.parse.Annotations;
import dev.redao.processor.parse.ModelReader;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedModel;
import dev.redao.processor.parse.TypeClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a parsed model against every rule of the catalogue and, if it passes, turns it into a
 * {@link ModelDescriptor}. Every problem is reported on the element that causes it; checking goes
 * on after an error so that one compile shows all of a model's problems, each once.
 */
public final class ModelValidator {
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final String GENERATED_DAO_SUPERCLASS = "dev.redao.runtime.ModelDao";
    private static final String GENERATED_QUERY_SUPERCLASS = "dev.redao.runtime.ModelQuery";

    private final Elements elements;
    private final Types types;
    private final Reporter reporter;
    private final ModelRegistry registry;
    private final ReferenceValidator references;

    /**
     * @param registry the models checked so far, which hold key names and link model names, and
     *     which models are compiled with this one and still to be written, for the checks of
     *     references and many-to-many links
     */
    public ModelValidator(Elements elements, Types types, Reporter reporter, ModelRegistry registry) {
        this.elements = elements;
        this.types = types;
        this.reporter = reporter;
        this.registry = registry;
        this.references = new ReferenceValidator(elements, types, reporter, registry);
    }

    /**
     * The descriptor, or null if the model has errors (all of them reported), with no
     * {@code referencedBy} yet: that is known once every model of the round is checked. A valid
     * model takes its key name and link model names in the registry.
     */
    public ModelDescriptor validate(ParsedModel parsed) {
        TypeElement type = parsed.element();
        int errorsBefore = reporter.errorCount();
        if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
            reporter.error(type, Message.MODEL_NOT_CLASS_OR_RECORD, kindName(type), type.getQualifiedName());
            return null;
        }
        checkShape(type);
        checkStaticFields(type);
        checkName(parsed);
        if (!parsed.record()) {
            checkConstructor(type);
        }
        FieldDescriptor id = null;
        ParsedField idSource = null;
        IdKind idKind = null;
        ParsedField versionSource = null;
        FieldDescriptor version = null;
        boolean abandoned = false;
        List<FieldDescriptor> fields = new ArrayList<>();
        for (ParsedField f : parsed.fields()) {
            if (f.markedTransient()) {
                if (parsed.record()) {
                    reporter.error(f.reportOn(), Message.TRANSIENT_ON_RECORD, f.name());
                } else {
                    checkNotAnnotated(f.reportOn(), f.name(), "transient");
                }
                continue;
            }
            checkTypeAccessible(parsed, f);
            checkNotRaw(f);
            if (f.version()) {
                if (versionSource != null) {
                    reporter.error(f.reportOn(), Message.VERSION_DUPLICATE, type.getSimpleName(), versionSource.name());
                } else {
                    versionSource = f;
                    checkVersion(f);
                }
            }
            boolean referenceChecked = f.reference() != null && !f.version() && checkReferenceAlone(f);
            if (f.id()) {
                if (idSource != null) {
                    reporter.error(f.reportOn(), Message.ID_DUPLICATE, type.getSimpleName(), idSource.name());
                    continue;
                }
                idSource = f;
                idKind = checkId(f);
                id = describe(parsed, f, TypeClassifier.classify(f.type()), IndexKind.NONE, false, false, null);
                continue;
            }
            ValueKind kind = TypeClassifier.classify(f.type());
            IndexKind index = IndexKind.NONE;
            Reference reference = null;
            if (referenceChecked) {
                reference = references.reference(parsed, f);
                if (reference == null) {
                    abandoned = true;
                }
                // one set of objects per referenced id, for every id type: a sorted index of
                // numeric ids would serve no range a reference needs
                index = IndexKind.SET;
            } else if (f.indexed()) {
                if (kind.canBeIndexed()) {
                    index = kind.index();
                    if (f.prefix() && kind != ValueKind.STRING) {
                        reporter.error(f.reportOn(), Message.INDEXED_PREFIX_NOT_STRING, f.name(), f.type());
                    }
                } else {
                    reporter.error(f.reportOn(), Message.INDEXED_UNSUPPORTED_TYPE, f.name(), f.type());
                }
            }
            if (f.unique()) {
                if (kind.isFloatingPoint()) {
                    reporter.error(f.reportOn(), Message.UNIQUE_FLOATING_POINT, f.name(), f.type());
                } else if (!kind.canBeUnique()) {
                    reporter.error(f.reportOn(), Message.UNIQUE_UNSUPPORTED_TYPE, f.name(), f.type());
                }
            }
            // only a plain indexed String keeps a prefix index; every other case was reported above
            boolean prefix = f.prefix() && reference == null && index == IndexKind.SET && kind == ValueKind.STRING;
            FieldDescriptor descriptor = describe(parsed, f, kind, index, prefix, f.unique(), reference);
            if (descriptor != null) {
                fields.add(descriptor);
                if (f == versionSource) {
                    version = descriptor;
                }
            }
        }
        if (idSource == null) {
            reporter.error(type, Message.MODEL_NO_ID, type.getSimpleName());
        }
        FieldDescriptor ordering = ordering(parsed, fields);
        List<Link> links = id == null ? List.of() : references.links(parsed, id.type(), registry.takenLinks());
        if (reporter.errorCount() > errorsBefore || abandoned || id == null || idKind == null) {
            return null;
        }
        List<String> constructorOrder = new ArrayList<>();
        if (parsed.record()) {
            for (ParsedField f : parsed.fields()) {
                constructorOrder.add(f.name());
            }
        }
        ModelDescriptor model = new ModelDescriptor(ClassName.get(type), parsed.name(), parsed.record(), idKind, id,
                fields, constructorOrder, ordering, parsed.orderingDescending(),
                parsed.events(), version, parsed.group(), List.of(), links);
        checkGeneratedName(type, model.daoName(), GENERATED_DAO_SUPERCLASS);
        checkGeneratedName(type, model.queryName(), GENERATED_QUERY_SUPERCLASS);
        if (reporter.errorCount() > errorsBefore || !claimKeyName(parsed)) {
            return null;
        }
        registry.takeLinks(model);
        return model;
    }

    /** Two models with one key name would overwrite each other's keys. */
    private boolean claimKeyName(ParsedModel parsed) {
        TypeElement type = parsed.element();
        String holder = registry.claimKeyName(parsed.name(), type);
        if (holder != null) {
            reporter.error(type, Message.MODEL_NAME_DUPLICATE, type.getSimpleName(), parsed.name(), holder);
            return false;
        }
        return true;
    }

    /** The field named by {@code @Model(ordering)}: it must be stored and have a numeric order. */
    private FieldDescriptor ordering(ParsedModel parsed, List<FieldDescriptor> fields) {
        if (!parsed.ordered()) {
            return null;
        }
        String text = parsed.ordering();
        String name = parsed.orderingField();
        for (FieldDescriptor f : fields) {
            if (f.name().equals(name)) {
                if (f.kind().index() != IndexKind.SORTED) {
                    reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.orderingValue(),
                            Message.ORDERING_NOT_ORDERED_TYPE, text, name, f.type());
                    return null;
                }
                if (isVersion(parsed, name)) {
                    reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.orderingValue(),
                            Message.VERSION_ORDERING, text, name);
                    return null;
                }
                return f;
            }
        }
        for (ParsedField f : parsed.fields()) {
            if (f.name().equals(name) && !f.id() && (parsed.record() || !f.markedTransient())) {
                return null; // stored, but it has errors of its own, reported already
            }
        }
        reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.orderingValue(),
                Message.ORDERING_UNKNOWN_FIELD, text, parsed.element().getSimpleName());
        return null;
    }

    private static boolean isVersion(ParsedModel parsed, String name) {
        for (ParsedField f : parsed.fields()) {
            if (f.name().equals(name) && f.version()) {
                return true;
            }
        }
        return false;
    }

    private void checkShape(TypeElement type) {
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
            reporter.error(type, Message.MODEL_GENERIC, type.getQualifiedName(), type.getTypeParameters());
        }
    }

    /** Static fields are never stored: an @Id, @Indexed, @Unique, @Version or @References on one would be silently ignored. */
    private void checkStaticFields(TypeElement type) {
        for (TypeElement t = type; t != null && !t.getQualifiedName().contentEquals("java.lang.Object");
                t = (TypeElement) types.asElement(t.getSuperclass())) {
            for (VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
                if (f.getModifiers().contains(Modifier.STATIC)) {
                    checkNotAnnotated(f, f.getSimpleName().toString(), "static");
                }
            }
        }
    }

    private void checkNotAnnotated(Element field, String name, String why) {
        for (String annotation : List.of(Annotations.ID, Annotations.INDEXED, Annotations.UNIQUE, Annotations.VERSION,
                Annotations.REFERENCES)) {
            if (Annotations.has(field, annotation)) {
                String simple = Annotations.simpleName(annotation);
                reporter.error(field, Message.ANNOTATION_ON_UNSTORED_FIELD, simple, name, why, simple);
            }
        }
    }

    /** A raw generic type has no element type to read JSON back into. */
    private void checkNotRaw(ParsedField f) {
        if (f.type() instanceof DeclaredType declared && declared.getTypeArguments().isEmpty()
                && !((TypeElement) declared.asElement()).getTypeParameters().isEmpty()) {
            reporter.error(f.reportOn(), Message.FIELD_RAW_TYPE, f.name(), f.type(),
                    ((TypeElement) declared.asElement()).getTypeParameters());
        }
    }

    /** Generated code names every stored field's type, type arguments included. */
    private void checkTypeAccessible(ParsedModel parsed, ParsedField f) {
        String pkg = elements.getPackageOf(parsed.element()).getQualifiedName().toString();
        TypeElement hidden = firstInaccessible(f.type(), pkg);
        if (hidden != null) {
            String what = hidden.getModifiers().contains(Modifier.PRIVATE) ? "private"
                    : "not public and in package " + elements.getPackageOf(hidden).getQualifiedName();
            reporter.error(f.reportOn(), Message.FIELD_TYPE_NOT_ACCESSIBLE, f.name(), f.type(),
                    hidden.getQualifiedName(), what, pkg, pkg);
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

    private void checkName(ParsedModel parsed) {
        if (parsed.nameValue() != null && !MODEL_NAME.matcher(parsed.name()).matches()) {
            reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.nameValue(),
                    Message.MODEL_NAME_INVALID, parsed.name());
        }
        // the group is part of the hash tag, like the name
        if (!parsed.group().isEmpty() && !MODEL_NAME.matcher(parsed.group()).matches()) {
            reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.groupValue(),
                    Message.MODEL_GROUP_INVALID, parsed.group());
        }
    }

    /**
     * A reference is indexed already and holds another model's id, so it cannot also be the id or
     * {@code @Indexed}; {@code @Unique} makes it one-to-one and is fine. False if it is reported.
     */
    private boolean checkReferenceAlone(ParsedField f) {
        List<String> also = new ArrayList<>();
        if (f.id()) {
            also.add("@Id");
        }
        if (f.indexed()) {
            also.add("@Indexed");
        }
        if (also.isEmpty()) {
            return true;
        }
        String names = String.join(" and ", also);
        reporter.error(f.reportOn(), Message.REFERENCE_ALSO_ID_OR_INDEXED, f.name(), names, names);
        return false;
    }

    private void checkConstructor(TypeElement type) {
        for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE)) {
                return;
            }
        }
        reporter.error(type, Message.MODEL_NO_CONSTRUCTOR, type.getQualifiedName());
    }

    private IdKind checkId(ParsedField f) {
        if (f.indexed() || f.unique()) {
            String redundant = f.unique() ? "Unique" : "Indexed";
            reporter.error(f.reportOn(), Message.ID_ALSO_INDEXED, f.name(), redundant, redundant);
        }
        if (f.type().getKind().isPrimitive()) {
            reporter.error(f.reportOn(), Message.ID_PRIMITIVE, f.name(), f.type(), TypeClassifier.boxFor(f.type()));
            return null;
        }
        IdKind kind = TypeClassifier.idKind(f.type());
        if (kind == null) {
            reporter.error(f.reportOn(), Message.ID_UNSUPPORTED_TYPE, f.name(), f.type());
        }
        return kind;
    }

    /**
     * The version is a {@code long} that the save script compares and advances, so it must be one
     * and cannot be an id or an index entry, which would go stale on every save.
     */
    private void checkVersion(ParsedField f) {
        if (TypeClassifier.classify(f.type()) != ValueKind.LONG) {
            reporter.error(f.reportOn(), Message.VERSION_TYPE, f.name(), f.type());
        }
        List<String> also = new ArrayList<>();
        if (f.id()) {
            also.add("@Id");
        }
        if (f.indexed()) {
            also.add("@Indexed");
        }
        if (f.unique()) {
            also.add("@Unique");
        }
        if (f.reference() != null) {
            also.add("@References");
        }
        if (!also.isEmpty()) {
            String names = String.join(" and ", also);
            reporter.error(f.reportOn(), Message.VERSION_INDEXED, f.name(), names, names);
        }
    }

    /** Decides how generated code reads and writes the field; reports if it cannot. */
    private FieldDescriptor describe(ParsedModel parsed, ParsedField f, ValueKind kind, IndexKind index, boolean prefix,
                                     boolean unique, Reference reference) {
        TypeName typeName = TypeName.get(f.type());
        boolean primitive = f.type().getKind().isPrimitive();
        if (parsed.record()) {
            return new FieldDescriptor(f.name(), typeName, kind, primitive, index, prefix, unique,
                    Access.method(f.name()), Access.constructor(), reference);
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
                    : f.field().getModifiers().contains(Modifier.PRIVATE) ? "private" : "not accessible from " + pkg;
            reporter.error(f.reportOn(), Message.FIELD_NOT_WRITABLE, f.name(), why, "set" + capitalized, types.erasure(f.type()));
        }
        if (read == null || write == null) {
            return null;
        }
        return new FieldDescriptor(f.name(), typeName, kind, primitive, index, prefix, unique, read, write, reference);
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

    /**
     * A type with a generated name that Redao did not write is a clash. Ours (perhaps left by an
     * earlier build) extend the runtime's ModelDao or ModelQuery.
     */
    private void checkGeneratedName(TypeElement type, ClassName generated, String generatedSuperclass) {
        TypeElement existing = elements.getTypeElement(generated.canonicalName());
        if (existing == null) {
            return;
        }
        TypeElement superclass = (TypeElement) types.asElement(existing.getSuperclass());
        if (superclass == null || !superclass.getQualifiedName().contentEquals(generatedSuperclass)) {
            reporter.error(type, Message.GENERATED_NAME_CLASH, generated.simpleName(), type.getSimpleName(),
                    generated.canonicalName());
        }
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
