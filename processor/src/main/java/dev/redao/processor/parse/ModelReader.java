package dev.redao.processor.parse;

import dev.redao.annotations.OnDelete;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a {@code @Model} type into a {@link ParsedModel}: its name and its candidate stored
 * members with their annotations and accessors. It judges nothing; the validator does.
 */
public final class ModelReader {
    private final Elements elements;
    private final Types types;

    public ModelReader(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    public ParsedModel read(TypeElement model) {
        AnnotationMirror annotation = Annotations.find(model, Annotations.MODEL);
        AnnotationValue nameValue = Annotations.explicitValue(annotation, "name");
        String name = nameValue != null && !nameValue.getValue().toString().isEmpty()
                ? nameValue.getValue().toString()
                : model.getSimpleName().toString().toLowerCase(Locale.ROOT);
        boolean record = model.getKind() == ElementKind.RECORD;
        List<ParsedField> fields = record ? recordComponents(model) : classFields(model);
        AnnotationValue orderingValue = Annotations.explicitValue(annotation, "ordering");
        String ordering = orderingValue == null ? "" : orderingValue.getValue().toString().strip();
        AnnotationValue eventsValue = Annotations.explicitValue(annotation, "events");
        boolean events = eventsValue != null && Boolean.TRUE.equals(eventsValue.getValue());
        AnnotationValue groupValue = Annotations.explicitValue(annotation, "group");
        String group = groupValue == null ? "" : groupValue.getValue().toString();
        AnnotationValue partitionsValue = Annotations.explicitValue(annotation, "partitions");
        int partitions = partitionsValue != null && partitionsValue.getValue() instanceof Integer n ? n : 1;
        AnnotationValue ttlValue = Annotations.explicitValue(annotation, "ttl");
        String ttl = ttlValue == null ? "" : ttlValue.getValue().toString().strip();
        AnnotationValue expiringValue = Annotations.explicitValue(annotation, "expiring");
        boolean expiring = expiringValue != null && Boolean.TRUE.equals(expiringValue.getValue());
        return new ParsedModel(model, name, annotation, nameValue, orderingValue, ordering, events, group, groupValue,
                partitions, partitionsValue, manyToMany(model), record, fields, ttl, ttlValue, expiring,
                indexes(annotation));
    }

    /**
     * The {@code @Index} annotations of {@code @Model(indexes)}, in source order. One without a
     * {@code value} is left to javac, which reports it.
     */
    private static List<ParsedIndex> indexes(AnnotationMirror model) {
        AnnotationValue indexes = Annotations.explicitValue(model, "indexes");
        List<ParsedIndex> out = new ArrayList<>();
        if (indexes == null || !(indexes.getValue() instanceof List<?> items)) {
            return out;
        }
        for (Object item : items) {
            if (!(item instanceof AnnotationValue v && v.getValue() instanceof AnnotationMirror mirror)) {
                continue;
            }
            AnnotationValue value = Annotations.explicitValue(mirror, "value");
            if (value == null || !(value.getValue() instanceof List<?> names)) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (Object n : names) {
                if (n instanceof AnnotationValue name) {
                    fields.add(name.getValue().toString());
                }
            }
            out.add(new ParsedIndex(mirror, value, fields));
        }
        return out;
    }

    private List<ParsedManyToMany> manyToMany(TypeElement model) {
        AnnotationMirror alone = Annotations.find(model, Annotations.MANY_TO_MANY);
        List<AnnotationMirror> mirrors = Annotations.manyToMany(model);
        List<ParsedManyToMany> out = new ArrayList<>();
        for (int i = 0; i < mirrors.size(); i++) {
            AnnotationMirror mirror = mirrors.get(i);
            AnnotationValue nameValue = Annotations.value(elements, mirror, "name");
            AnnotationValue toValue = Annotations.value(elements, mirror, "to");
            out.add(new ParsedManyToMany(mirror, i, mirror.equals(alone), nameValue,
                    nameValue == null ? null : nameValue.getValue().toString(), toValue, Annotations.classValue(toValue)));
        }
        return out;
    }

    /**
     * The member's {@code @References}, or null. {@code reportOn} is where errors about the member
     * go; its own copy of the annotation is read so that errors can point at its attributes.
     */
    private ParsedReference reference(Element member, Element reportOn) {
        AnnotationMirror onMember = Annotations.find(member, Annotations.REFERENCES);
        if (onMember == null) {
            return null;
        }
        AnnotationMirror onReportElement = Annotations.find(reportOn, Annotations.REFERENCES);
        AnnotationMirror mirror = onReportElement != null ? onReportElement : onMember;
        AnnotationValue targetValue = Annotations.value(elements, mirror, "value");
        AnnotationValue onDeleteValue = Annotations.value(elements, mirror, "onDelete");
        String onDelete = Annotations.enumValue(onDeleteValue);
        return new ParsedReference(mirror, targetValue, Annotations.classValue(targetValue), onDeleteValue,
                onDelete == null ? null : OnDelete.valueOf(onDelete));
    }

    /**
     * True if any member's type, referenced model or {@code @ManyToMany} model is not resolved yet
     * (generated later in this build).
     */
    public boolean hasUnresolvedTypes(ParsedModel model) {
        for (ParsedField f : model.fields()) {
            if (containsError(f.type())) {
                return true;
            }
            if (f.reference() != null && unresolved(f.reference().targetValue(), f.reference().target())) {
                return true;
            }
        }
        for (ParsedManyToMany link : model.manyToMany()) {
            if (unresolved(link.toValue(), link.to())) {
                return true;
            }
        }
        return false;
    }

    private static boolean unresolved(AnnotationValue classValue, TypeMirror type) {
        return classValue != null && (type == null || containsError(type));
    }

    private static boolean containsError(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        if (type instanceof DeclaredType declared) {
            for (TypeMirror argument : declared.getTypeArguments()) {
                if (containsError(argument)) {
                    return true;
                }
            }
        }
        if (type instanceof ArrayType array) {
            return containsError(array.getComponentType());
        }
        if (type instanceof WildcardType wildcard) {
            return (wildcard.getExtendsBound() != null && containsError(wildcard.getExtendsBound()))
                    || (wildcard.getSuperBound() != null && containsError(wildcard.getSuperBound()));
        }
        return false;
    }

    private List<ParsedField> recordComponents(TypeElement model) {
        Map<String, VariableElement> fieldsByName = new LinkedHashMap<>();
        for (VariableElement f : ElementFilter.fieldsIn(model.getEnclosedElements())) {
            if (!f.getModifiers().contains(Modifier.STATIC)) {
                fieldsByName.put(f.getSimpleName().toString(), f);
            }
        }
        List<ParsedField> out = new ArrayList<>();
        for (RecordComponentElement c : model.getRecordComponents()) {
            String name = c.getSimpleName().toString();
            VariableElement field = fieldsByName.get(name);
            Element reportOn = field != null ? field : c;
            out.add(new ParsedField(
                    name,
                    c.asType(),
                    reportOn,
                    field,
                    c.getAccessor(),
                    null,
                    Annotations.has(c, Annotations.ID),
                    Annotations.has(c, Annotations.INDEXED),
                    prefix(c),
                    Annotations.has(c, Annotations.UNIQUE),
                    Annotations.has(c, Annotations.VERSION),
                    reference(c, reportOn),
                    field != null && Annotations.has(field, Annotations.TRANSIENT),
                    storedAs(c)));
        }
        return out;
    }

    /**
     * The instance fields of the class and its superclasses, superclass fields first. A field that
     * hides one of a superclass replaces it. Types are seen from the model, so a field {@code ID id}
     * of {@code Entity<ID>} is a {@code Long} in {@code User extends Entity<Long>}.
     */
    private List<ParsedField> classFields(TypeElement model) {
        DeclaredType modelType = (DeclaredType) model.asType();
        Map<String, ParsedField> byName = new LinkedHashMap<>();
        for (TypeElement type : hierarchy(model)) {
            for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
                if (f.getModifiers().contains(Modifier.STATIC)) {
                    continue;
                }
                String name = f.getSimpleName().toString();
                TypeMirror fieldType = types.asMemberOf(modelType, f);
                boolean isTransient = f.getModifiers().contains(Modifier.TRANSIENT)
                        || Annotations.has(f, Annotations.TRANSIENT);
                byName.remove(name);
                byName.put(name, new ParsedField(
                        name,
                        fieldType,
                        f,
                        f,
                        findGetter(model, name, fieldType),
                        findSetter(model, name, fieldType),
                        Annotations.has(f, Annotations.ID),
                        Annotations.has(f, Annotations.INDEXED),
                        prefix(f),
                        Annotations.has(f, Annotations.UNIQUE),
                        Annotations.has(f, Annotations.VERSION),
                        reference(f, f),
                        isTransient,
                        storedAs(f)));
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** The name of the member's {@code @Stored}, or null for none. */
    private static String storedAs(Element member) {
        AnnotationMirror stored = Annotations.find(member, Annotations.STORED);
        AnnotationValue name = stored == null ? null : Annotations.explicitValue(stored, "value");
        return name == null ? null : (String) name.getValue();
    }

    /** Whether the member's {@code @Indexed} says {@code prefix = true}. */
    private static boolean prefix(Element member) {
        AnnotationMirror indexed = Annotations.find(member, Annotations.INDEXED);
        AnnotationValue prefix = indexed == null ? null : Annotations.explicitValue(indexed, "prefix");
        return prefix != null && Boolean.TRUE.equals(prefix.getValue());
    }

    /** The model and its superclasses below java.lang.Object, the topmost first. */
    private List<TypeElement> hierarchy(TypeElement model) {
        Deque<TypeElement> chain = new ArrayDeque<>();
        TypeElement current = model;
        while (current != null && !current.getQualifiedName().contentEquals("java.lang.Object")) {
            chain.addFirst(current);
            TypeMirror superclass = current.getSuperclass();
            current = superclass.getKind() == TypeKind.DECLARED
                    ? (TypeElement) ((DeclaredType) superclass).asElement()
                    : null;
        }
        return new ArrayList<>(chain);
    }

    private ExecutableElement findGetter(TypeElement model, String field, TypeMirror type) {
        String capitalized = capitalize(field);
        List<String> names = type.getKind() == TypeKind.BOOLEAN
                ? List.of("is" + capitalized, "get" + capitalized)
                : List.of("get" + capitalized);
        for (String name : names) {
            for (ExecutableElement m : instanceMethods(model)) {
                if (m.getSimpleName().contentEquals(name) && m.getParameters().isEmpty()
                        && types.isSameType(returnType(model, m), type)) {
                    return m;
                }
            }
        }
        return null;
    }

    private ExecutableElement findSetter(TypeElement model, String field, TypeMirror type) {
        String name = "set" + capitalize(field);
        for (ExecutableElement m : instanceMethods(model)) {
            if (m.getSimpleName().contentEquals(name) && m.getParameters().size() == 1) {
                TypeMirror parameter = ((ExecutableType)
                        types.asMemberOf((DeclaredType) model.asType(), m)).getParameterTypes().get(0);
                if (types.isSameType(parameter, type)) {
                    return m;
                }
            }
        }
        return null;
    }

    private TypeMirror returnType(TypeElement model, ExecutableElement m) {
        return ((ExecutableType) types.asMemberOf((DeclaredType) model.asType(), m)).getReturnType();
    }

    private List<ExecutableElement> instanceMethods(TypeElement model) {
        List<ExecutableElement> out = new ArrayList<>();
        for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(model))) {
            if (!m.getModifiers().contains(Modifier.STATIC)) {
                out.add(m);
            }
        }
        return out;
    }

    public static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
