package dev.redao.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * A checked model: everything the planner and the writer need, nothing from javac.
 *
 * @param type the model's class
 * @param name the key name, as in {@code {<namespace>:<name>}:obj:<id>}
 * @param record whether the model is a record (created through its canonical constructor)
 * @param idKind the id's type
 * @param id the id field
 * @param fields the other stored fields, in declaration order (superclass fields first)
 * @param constructorOrder for a record, every component name in canonical-constructor order
 * @param ordering the field of {@code @Model(ordering)}, or null
 * @param orderingDescending whether that ordering is descending
 * @param events whether saves and deletes publish change events ({@code @Model(events = true)})
 * @param version the {@code @Version} field, or null: one of {@code fields}, stored like any
 *     {@code long}, whose stored value the save script checks against the object's and advances
 * @param group the {@code @Model(group)}, "" for none
 * @param partitions the {@code @Model(partitions)}: how many hash tags the objects are spread over, 1 for one
 * @param referencedBy the references to this model whose {@code onDelete} is not KEEP, from every
 *     model compiled with it (itself included, and the link models of {@code @ManyToMany}); known
 *     only once every model of the round is checked, see {@link #withReferencedBy}
 * @param links the link models of its {@code @ManyToMany} annotations
 * @param expiring whether its objects may expire ({@code @Model(ttl)} or {@code @Model(expiring = true)})
 * @param ttlMillis its {@code @Model(ttl)} in milliseconds, 0 for none
 * @param compoundIndexes its {@code @Model(indexes)}, in the order declared; their fields are among {@code fields}
 * @param structures its structure fields ({@code RedisList} and the like), not stored in the hash
 */
public record ModelDescriptor(
        ClassName type,
        String name,
        boolean record,
        IdKind idKind,
        FieldDescriptor id,
        List<FieldDescriptor> fields,
        List<String> constructorOrder,
        FieldDescriptor ordering,
        boolean orderingDescending,
        boolean events,
        FieldDescriptor version,
        String group,
        int partitions,
        List<Incoming> referencedBy,
        List<Link> links,
        boolean expiring,
        long ttlMillis,
        List<CompoundIndex> compoundIndexes,
        List<StructureField> structures) {

    public ModelDescriptor {
        fields = List.copyOf(fields);
        constructorOrder = List.copyOf(constructorOrder);
        referencedBy = List.copyOf(referencedBy);
        links = List.copyOf(links);
        compoundIndexes = List.copyOf(compoundIndexes);
        structures = List.copyOf(structures);
        for (CompoundIndex index : compoundIndexes) {
            if (!fields.contains(index.first()) || !fields.contains(index.second())) {
                throw new IllegalArgumentException("compound index (" + index.first().name() + ", "
                        + index.second().name() + ") names a field that is not among the stored fields");
            }
        }
        if (version != null && !fields.contains(version)) {
            throw new IllegalArgumentException("version field " + version.name() + " is not among the stored fields");
        }
    }

    /** This model with the references that other models hold to it. */
    public ModelDescriptor withReferencedBy(List<Incoming> incoming) {
        return new ModelDescriptor(type, name, record, idKind, id, fields, constructorOrder, ordering,
                orderingDescending, events, version, group, partitions, incoming, links, expiring, ttlMillis,
                compoundIndexes, structures);
    }

    /** {@code UserDao} for {@code User}; {@code Outer_InnerDao} for a nested {@code Outer.Inner}. */
    public ClassName daoName() {
        return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "Dao");
    }

    /** {@code UserQuery} for {@code User}: the typed field handles. */
    public ClassName queryName() {
        return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "Query");
    }

    /** Whether saves pass the field's sorted-set score: for its sorted index or the model's ordering. */
    public boolean scored(FieldDescriptor field) {
        return field.index() == IndexKind.SORTED || field == ordering;
    }

    /** The hash field positions as the runtime sees them: the id first, then the fields. */
    public int position(FieldDescriptor field) {
        return field == id ? 0 : fields.indexOf(field) + 1;
    }
}
