package dev.redao.processor.parse;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code @Model} type as found in the source.
 *
 * @param element the model type
 * @param name the key name: {@code @Model(name)} or the simple name in lower case
 * @param modelAnnotation the {@code @Model} mirror, to point errors at it
 * @param nameValue the {@code name} attribute, or null when it was not given
 * @param orderingValue the {@code ordering} attribute, or null when it was not given
 * @param ordering the {@code ordering} attribute without surrounding blanks, "" for none
 * @param events the {@code events} attribute
 * @param group the {@code group} attribute, "" for none
 * @param groupValue the {@code group} attribute, or null when it was not given
 * @param partitions the {@code partitions} attribute, 1 when it was not given
 * @param partitionsValue the {@code partitions} attribute, or null when it was not given
 * @param manyToMany its {@code @ManyToMany} annotations, in source order
 * @param record whether the type is a record
 * @param fields the candidate stored members, superclass members first
 * @param indexes the {@code @Index} annotations of {@code @Model(indexes)}, in source order
 */
public record ParsedModel(
        TypeElement element,
        String name,
        AnnotationMirror modelAnnotation,
        AnnotationValue nameValue,
        AnnotationValue orderingValue,
        String ordering,
        boolean events,
        String group,
        AnnotationValue groupValue,
        int partitions,
        AnnotationValue partitionsValue,
        List<ParsedManyToMany> manyToMany,
        boolean record,
        List<ParsedField> fields,
        String ttl,
        AnnotationValue ttlValue,
        boolean expiringFlag,
        List<ParsedIndex> indexes) {

    public ParsedModel {
        indexes = List.copyOf(indexes);
    }

    /** Whether the model's objects may expire: {@code @Model(expiring = true)} or a {@code @Model(ttl)}. */
    public boolean expiring() {
        return expiringFlag || !ttl.isEmpty();
    }

    /** Whether {@code @Model(ordering)} names a field, so that the id set is a sorted set. */
    public boolean ordered() {
        return !ordering.isEmpty();
    }

    /**
     * Whether {@code @Model(partitions)} spreads the model over several hash tags, so that it spans
     * several cluster slots. A number out of range counts too: it is reported on its own.
     */
    public boolean partitioned() {
        return partitions > 1;
    }

    /** Whether the ordering is descending: its field is written with a leading '-'. */
    public boolean orderingDescending() {
        return ordering.startsWith("-");
    }

    /** The field that {@code @Model(ordering)} names, "" for none. */
    public String orderingField() {
        return orderingDescending() ? ordering.substring(1) : ordering;
    }

    /**
     * The models (by qualified name) whose DAOs must know this model's references and links: the
     * targets of its references that act on delete, and of its {@code @ManyToMany}.
     */
    public Set<String> actedOnByDeletes() {
        Set<String> out = new LinkedHashSet<>();
        for (ParsedField f : fields) {
            if (f.reference() != null && f.reference().actsOnDelete()) {
                addType(out, f.reference().target());
            }
        }
        for (ParsedManyToMany link : manyToMany) {
            addType(out, link.to());
        }
        return out;
    }

    private static void addType(Set<String> out, TypeMirror type) {
        if (type instanceof DeclaredType declared && declared.asElement() instanceof TypeElement element) {
            out.add(element.getQualifiedName().toString());
        }
    }
}
