package dev.redao.processor.diag;

import dev.redao.annotations.OnDelete;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * Every error the processor reports, in one place. Each message says what is wrong and how to
 * fix it; its tag ({@code [Redao/...]}) stays stable so that tests and users can search for it.
 *
 * <p>A name taken from the code being compiled (a type, field, key name, group, relation, or a
 * class Redao would generate) stands in single quotes: {@code 'User'}, {@code 'email'}. Redao's
 * annotations, annotations quoted as written ({@code @Model(name = "x")}) and the Java types and
 * methods a message recommends are written as in code, without quotes.
 *
 * <p>A message with few arguments is filled with {@link #with}; a message with many, or whose text
 * is computed from its arguments (candidates, a cycle, a stack trace), has a static factory whose
 * parameters name what they are, so that a call site cannot swap them.
 */
public enum Message {
    MODEL_NOT_CLASS_OR_RECORD("@Model is on %s '%s': only a class or a record can be stored. Move @Model to a class or record."),
    MODEL_ABSTRACT("@Model class '%s' is abstract, so Redao cannot create it when loading. Make it concrete, or remove @Model and extend it with a concrete @Model class."),
    MODEL_NOT_PUBLIC("@Model type '%s' is not public. Make it public: its DAO is public and returns it."),
    MODEL_INNER_CLASS("@Model class '%s' is an inner class, which needs an enclosing instance to be created. Make it static."),
    MODEL_ENCLOSING_NOT_PUBLIC("@Model type '%s' is nested in '%s', which is not public. Make every enclosing type public."),
    MODEL_GENERIC(Arguments.TYPED, "@Model type '%s' has type parameters %s; a stored model needs concrete field types. Remove the type parameters."),
    MODEL_NAME_INVALID("@Model(name = \"%s\") is not a valid model name: use letters, digits, '_', '-' and '.', starting with a letter."),
    MODEL_NAME_DUPLICATE("@Model '%s' has the key name '%s', which '%s' already has: both would write the same keys. Give one of them another @Model(name)."),
    MODEL_GROUP_INVALID("@Model(group = \"%s\") is not a valid group name: use letters, digits, '_', '-' and '.', starting with a letter, or leave it empty for a model without a group."),
    PARTITIONS_OUT_OF_RANGE("@Model(partitions = %s) on '%s' is out of range: a model keeps its keys under one hash tag with 1, the default, or spreads them over 2 to 64 tags, one per partition, which is enough for a cluster of 64 masters. Use 1, or a number from 2 to 64."),
    PARTITIONS_WITH_GROUP("@Model(partitions = %s, group = \"%s\") on '%s': a group puts every key of its models in one cluster slot so that one script may write them together, but partitions spread the model over many slots. Remove the group or the partitions."),
    TTL_INVALID("@Model(ttl = \"%s\") on '%s' is no time to live: write a positive ISO-8601 duration of at most 36500 days, such as \"PT30M\" or \"P1D\", or leave it empty for objects that expire only when told to."),
    EXPIRING_PARTITIONED("@Model(partitions = %s) on '%s', whose objects expire and whose field '%s' is @Unique: a partitioned model keeps a unique value in the value's own partition, and the purge of an expired object runs in the object's partition, where it cannot free the value. Remove the partitions, the ttl and expiring, or @Unique."),
    RESTRICT_TO_EXPIRING("@References(value = %s.class, onDelete = RESTRICT) on field '%s' of '%s': '%s' objects expire, and an expired object is deleted whatever refers to it, which RESTRICT would refuse. Use onDelete = CASCADE, SET_NULL or KEEP."),
    ORDERING_UNKNOWN_FIELD(Arguments.TYPED, "@Model(ordering = \"%s\") names no stored field of '%s'. %s Use the name of a numeric or temporal field, with a leading '-' for descending order."),
    ORDERING_NOT_ORDERED_TYPE("@Model(ordering = \"%s\"): field '%s' has type '%s', which has no order a sorted set can keep. Order by a numeric, date or time field."),
    COMPOUND_INDEX_FIELD_COUNT("%s on '%s' names %s field(s), but a compound index takes exactly two: the field selected by equality, then the field sorted by, as in @Index({\"country\", \"age\"}). Name two fields."),
    COMPOUND_INDEX_UNKNOWN_FIELD(Arguments.TYPED, "%s on '%s' names '%s', which is none of its stored fields. %s"),
    COMPOUND_INDEX_FIRST_NOT_EQUALITY("%s on '%s': its first field '%s' of type '%s' has no equality index, and the compound index keeps a sorted set per value of its first field. Name first a text, enum, boolean, character or UUID field with @Indexed, or a @References field; add @Indexed to the field if it is one. A number, date or time cannot come first: select its values by a range on its own sorted index instead."),
    COMPOUND_INDEX_SECOND_NOT_ORDERED("%s on '%s': its second field '%s' of type '%s' has no sorted index, whose scores the compound index shares. Name second a number, date or time field with @Indexed; add @Indexed to the field if it is one."),
    COMPOUND_INDEX_SECOND_INEXACT("%s on '%s': its second field '%s' is a '%s', whose values a score (a double) holds only approximately, so the compound index would order and range them inexactly. Name second a byte, short, int, long (a save refuses a long beyond 2^53), float, double, date or time field."),
    COMPOUND_INDEX_DUPLICATE("%s on '%s' is declared twice: both would keep the same sorted sets. Remove one of them."),
    MODEL_NO_ID("@Model '%s' has no @Id field. Add @Id to a Long, Integer, String or UUID field."),
    MODEL_NO_CONSTRUCTOR("@Model class '%s' has no constructor without parameters that its DAO can call. Add a public or package-private no-argument constructor."),
    STORED_NAME_INVALID("@Stored(\"%s\") on '%s' is not a stored name: use a letter or '_' followed by letters, digits or '_', which index keys and scripts can hold."),
    STORED_NAME_DUPLICATE("'%s' of '%s' is stored under the name '%s', which field '%s' already has: both would write one hash field. Give one of them another @Stored name."),
    QUERIES_NOT_INTERFACE("@Queries is on %s '%s': query methods are declared in an interface, which Redao implements. Make '%s' an interface."),
    QUERIES_NOT_MODEL("@Queries(%s.class) on '%s' names no @Model compiled with it, so there is nothing to query. Name a @Model of this compilation."),
    QUERY_METHOD_KEYWORD("Query method '%s' of '%s': %s. A query method is find, findFirst, count, exists or delete, then By and conditions joined by And (each a field, or a field and one of In, GreaterThan, GreaterThanEqual, LessThan, LessThanEqual, Between, StartingWith, Containing, EndingWith), then OrderBy a field with Asc or Desc, for example findByCountryAndAgeGreaterThanOrderByAgeDesc."),
    QUERY_METHOD_UNKNOWN_FIELD(Arguments.TYPED, "Query method '%s' of '%s' names '%s', which is no stored field of '%s'. %s"),
    QUERY_METHOD_NOT_INDEXED(Arguments.TYPED, "Query method '%s' of '%s': %s on field '%s' needs %s, which the field has not. Add it to the field, or query another way."),
    QUERY_METHOD_NO_PREFIX_INDEX("Query method '%s' of '%s': StartingWith on field '%s' needs its prefix index. Annotate the field @Indexed(prefix = true)."),
    QUERY_METHOD_PARAMETER_COUNT(Arguments.TYPED, "Query method '%s' of '%s' has %s parameter(s), but its conditions take %s%s. Declare one parameter per value, in the order of the conditions, then int offset and int limit if you page."),
    QUERY_METHOD_PARAMETER_TYPE(Arguments.TYPED, "Query method '%s' of '%s': parameter '%s' has type '%s', but %s on field '%s' takes %s. Declare it as %s."),
    QUERY_METHOD_RETURN_TYPE(Arguments.TYPED, "Query method '%s' of '%s' returns '%s', which cannot hold what %s gives. Return %s."),
    ID_DUPLICATE("'%s' has a second @Id: '%s' already is the id. Keep @Id on exactly one field."),
    ID_PRIMITIVE("@Id field '%s' is a primitive '%s', which cannot be null, so a new object could never get its id from the server. Use %s."),
    ID_UNSUPPORTED_TYPE("@Id field '%s' has type '%s'. Use Long or Integer (assigned by the server), or String or UUID (assigned randomly)."),
    ID_ALSO_INDEXED("@Id field '%1$s' is also @%2$s, which it needs not: an id is unique and can be looked up already. Remove @%2$s."),
    INDEXED_UNSUPPORTED_TYPE("@Indexed field '%s' has type '%s', which has no index: only strings, numbers, booleans, characters, enums, UUIDs, dates and times can be indexed. Remove @Indexed, or index a scalar field derived from it."),
    INDEXED_PREFIX_NOT_STRING("@Indexed(prefix = true) on '%s' of type '%s': a prefix index is kept only for String fields. Remove prefix = true, or index a String field derived from it."),
    UNIQUE_UNSUPPORTED_TYPE("@Unique field '%s' has type '%s', which cannot be unique: only strings, integral and decimal numbers, booleans, characters, enums, UUIDs, dates and times can be. Remove @Unique."),
    UNIQUE_FLOATING_POINT("@Unique field '%s' is a floating-point '%s': equal-looking doubles may differ in their last bits, so uniqueness would not mean what it seems. Use BigDecimal, long or String for a unique number."),
    VERSION_TYPE("@Version field '%s' has type '%s', but a version is a count of saves. Make it long or Long."),
    VERSION_DUPLICATE("'%s' has a second @Version: '%s' already is the version. Keep @Version on exactly one field."),
    VERSION_INDEXED("@Version field '%1$s' is also %2$s, but a version changes on every save, so it can be neither the id nor indexed nor unique. Remove %2$s, or keep the version in a field of its own."),
    VERSION_ORDERING("@Model(ordering = \"%s\") names the @Version field '%s', which the save script advances after the object's score is taken, so the order would lag one save behind. Order by another numeric or temporal field."),
    REFERENCE_NOT_MODEL(Arguments.TYPED, "@References(%1$s.class) on field '%2$s' names '%3$s', which is not a @Model, so there is no object to reference.%4$s Reference a @Model type, or put @Model on '%1$s'."),
    REFERENCE_TYPE_MISMATCH(Arguments.TYPED, "@References field '%s' has type '%s', but it holds the id of the referenced '%s' object, whose @Id has type '%s'. Declare the field as %s."),
    REFERENCE_ALSO_ID_OR_INDEXED("@References field '%1$s' is also %2$s, but a reference holds another object's id and is indexed already, so it can be neither this object's id nor @Indexed. Remove %2$s."),
    REFERENCE_GROUP_MISMATCH(Arguments.TYPED, "@References(value = %1$s.class, onDelete = %2$s) on field '%3$s': deleting '%1$s' objects acts on the '%4$s' objects that reference them in the same script, so both models must share a cluster slot, but %5$s. Give both the same @Model(group = \"...\"), or use onDelete = KEEP."),
    REFERENCE_TARGET_NOT_IN_ROUND(Arguments.TYPED, "@References(value = %1$s.class, onDelete = %2$s) on field '%3$s': '%1$s' is not compiled together with '%4$s' (it comes from a class file, another module or an earlier round), so its DAO is generated without knowing this reference, and deleting '%1$s' objects could not act on it. Use onDelete = KEEP, or compile both models in one compilation."),
    REFERENCE_CASCADE_CYCLE(Arguments.TYPED, "@References(onDelete = CASCADE) on field '%s' closes a cycle of cascades: %s. A delete would cascade round between these models with no model where it ends. Make one reference of the cycle SET_NULL, RESTRICT or KEEP."),
    PARTITIONED_REFERENCE_FOLLOWED(Arguments.TYPED, "@References(value = %1$s.class, onDelete = %2$s) on field '%3$s': deleting '%1$s' objects acts on the '%4$s' objects that reference them in the same script, so both must share a cluster slot, but %5$s, and a partitioned model spreads its objects over a slot per partition. Use onDelete = KEEP, or no partitions."),
    MANY_TO_MANY_OUTSIDE_MODEL("@ManyToMany on '%1$s', but '%1$s' is not a @Model, so no link model would be generated. Put @Model on '%1$s', or move @ManyToMany to a @Model."),
    MANY_TO_MANY_TARGET_NOT_MODEL(Arguments.TYPED, "@ManyToMany(to = %1$s.class) on '%2$s' names '%3$s', which is not a @Model, so there is nothing to link to.%4$s Link to a @Model type, or put @Model on '%1$s'."),
    MANY_TO_MANY_NAME_INVALID("@ManyToMany(name = \"%s\") on '%s' is not a valid relation name: use letters, digits and '_', starting with a letter. It becomes part of the link model's class name and key name."),
    MANY_TO_MANY_NAME_DUPLICATE("'%s' has a second @ManyToMany(name = \"%s\"): both would generate the link model '%s'. Give each relation a name of its own."),
    MANY_TO_MANY_NAME_CLASH("@ManyToMany(name = \"%s\") on '%s' would generate the link model '%s', but a type '%s' already exists. Choose another name, or rename the existing type."),
    MANY_TO_MANY_GROUP_MISMATCH(Arguments.TYPED, "@ManyToMany(to = %1$s.class, name = \"%2$s\") on '%3$s': deleting '%3$s' or '%1$s' objects deletes their links in the same script, so both models and the link model '%4$s' must share a cluster slot, but %5$s. Give '%3$s' and '%1$s' the same @Model(group = \"...\"); the link model joins it."),
    MANY_TO_MANY_TARGET_NOT_IN_ROUND(Arguments.TYPED, "@ManyToMany(to = %1$s.class, name = \"%2$s\") on '%3$s': '%1$s' is not compiled together with '%3$s' (it comes from a class file, another module or an earlier round), so its DAO is generated without knowing the link model '%4$s', and deleting '%1$s' objects could not delete their links. Compile both models in one compilation."),
    PARTITIONED_MANY_TO_MANY(Arguments.TYPED, "@ManyToMany(to = %1$s.class, name = \"%2$s\") on '%3$s': its links are written with both models in one script, so both models and the link model '%4$s' must share a cluster slot, but %5$s, and a partitioned model spreads its objects over a slot per partition. Use a reference field with onDelete = KEEP instead, or no partitions."),
    FIELD_NOT_ACCESSIBLE("Stored field '%s' is private and has neither a getter nor a setter the DAO can call. Add a public or package-private %s() and %s(%s), make the field non-private, or mark it @Transient."),
    FIELD_RAW_TYPE(Arguments.TYPED, "Stored field '%s' has the raw type '%s', so its elements could not be read back from JSON. Give its type arguments %s, for example List<String>."),
    FIELD_NOT_READABLE("Stored field '%s' is private and has no getter the DAO can call. Add a public or package-private %s(), make the field non-private, or mark it @Transient."),
    FIELD_NOT_WRITABLE("Stored field '%s' cannot be set by the DAO: it is %s and has no setter. Add a public or package-private %s(%s), make the field non-private and non-final, or mark it @Transient."),
    ANNOTATION_ON_UNSTORED_FIELD("@%1$s on '%2$s', which is not stored because it is %3$s, so the annotation would do nothing. Remove @%1$s, or make the field a stored one."),
    FIELD_TYPE_NOT_ACCESSIBLE(Arguments.TYPED, "Stored field '%1$s' has type '%2$s', but '%3$s' is %4$s, so the generated DAO in package '%5$s' cannot name it. Make it public, or package-private in '%5$s'."),
    STRUCTURE_RAW("Structure field '%s' is a raw %s. Give its element %s, as in %s."),
    STRUCTURE_ELEMENT_TYPE("Structure field '%s' is a %s whose elements are '%s', which a structure cannot hold: its elements are stored as text, as fields are. Use String, a number, boolean, char, an enum, UUID, BigDecimal, BigInteger or a java.time type."),
    STRUCTURE_ANNOTATED("Structure field '%1$s' is @%2$s, but a structure lives under a key of its own, not in the object's hash, so it cannot be @%2$s. Remove @%2$s, or keep the value in an ordinary field."),
    STRUCTURE_NAME_TAKEN("Structure field '%s' of '%s' would give its DAO a method of that name, which every DAO has already. Rename the field."),
    TRANSIENT_ON_RECORD("Record component '%s' is @Transient, but every record component is part of the canonical constructor and must be stored. Remove @Transient."),
    MEMBER_OUTSIDE_MODEL("@%1$s on '%2$s', but '%3$s' is not a @Model. Put @Model on '%3$s', or make it an abstract class that @Model classes extend."),
    GENERATED_NAME_CLASH("Redao would generate '%s' for @Model '%s', but a type '%s' already exists. Rename the existing type or the model."),
    INTERNAL_ERROR(Arguments.TYPED, "Redao failed on %s: %s. This is a bug in Redao; please report it with the model's source and this stack trace:%n%s");

    /** How a message is filled: positionally through {@link #with}, or only through its typed factory. */
    private enum Arguments { POSITIONAL, TYPED }

    private final Arguments arguments;
    private final String template;

    Message(String template) {
        this(Arguments.POSITIONAL, template);
    }

    Message(Arguments arguments, String template) {
        this.arguments = arguments;
        this.template = template;
    }

    /** The tag that starts the message, for example {@code [Redao/ID_PRIMITIVE]}. */
    public String tag() {
        return "[Redao/" + name() + "]";
    }

    /**
     * The message with its placeholders filled in order.
     *
     * @throws IllegalStateException for a message that has a typed factory: use that
     */
    public Problem with(Object... args) {
        if (arguments == Arguments.TYPED) {
            throw new IllegalStateException(name() + " has a typed factory in Message: use it");
        }
        return format(args);
    }

    private Problem format(Object... args) {
        return new Problem(this, tag() + " " + String.format(template, args));
    }

    // ---- typed factories

    /**
     * @param method the query method
     * @param queries the interface's simple name
     * @param name the field name the method's name gives
     * @param model the model's simple name
     * @param fields the model's stored fields
     */
    /**
     * @param method the query method
     * @param queries the interface's simple name
     * @param operation the condition or OrderBy, as the name writes it
     * @param field the field
     * @param needs what the field needs for it
     */
    public static Problem queryMethodNotIndexed(String method, String queries, String operation, String field, String needs) {
        return QUERY_METHOD_NOT_INDEXED.format(method, queries, operation, field, needs);
    }

    /**
     * @param method the query method
     * @param queries the interface's simple name
     * @param declared how many parameters it declares
     * @param needed how many its conditions take
     * @param paging what paging adds, or empty
     */
    public static Problem queryMethodParameterCount(String method, String queries, int declared, int needed, String paging) {
        return QUERY_METHOD_PARAMETER_COUNT.format(method, queries, declared, needed, paging);
    }

    /**
     * @param method the query method
     * @param queries the interface's simple name
     * @param parameter the parameter's name
     * @param declared its declared type
     * @param operation the condition, as the name writes it
     * @param field the condition's field
     * @param wanted the type the condition takes
     */
    public static Problem queryMethodParameterType(String method, String queries, String parameter, String declared,
                                                   String operation, String field, String wanted) {
        return QUERY_METHOD_PARAMETER_TYPE.format(method, queries, parameter, declared, operation, field, "'" + wanted + "'",
                wanted);
    }

    /**
     * @param method the query method
     * @param queries the interface's simple name
     * @param declared the declared return type
     * @param result what the method gives
     * @param allowed the return types that hold it
     */
    public static Problem queryMethodReturnType(String method, String queries, String declared, String result,
                                                List<String> allowed) {
        return QUERY_METHOD_RETURN_TYPE.format(method, queries, declared, result, String.join(" or ", allowed));
    }

    public static Problem queryMethodUnknownField(String method, String queries, String name, String model, List<String> fields) {
        Optional<String> meant = NearMiss.closest(name, fields);
        String hint = meant.map(m -> "Did you mean '" + m + "'?")
                .orElse("Its fields are " + quoted(fields, ", ") + ".");
        return QUERY_METHOD_UNKNOWN_FIELD.format(method, queries, name, model, hint);
    }

    public static Problem modelGeneric(String type, List<String> typeParameters) {
        return MODEL_GENERIC.format(type, quoted(typeParameters, ", "));
    }

    /**
     * @param ordering the attribute as written
     * @param model the model's simple name
     * @param field the field it names, without a leading '-'
     * @param orderable the model's stored fields that it could be ordered by
     */
    public static Problem orderingUnknownField(String ordering, String model, String field, List<String> orderable) {
        Optional<String> meant = NearMiss.closest(field, orderable);
        String hint;
        if (meant.isPresent()) {
            hint = "Did you mean '" + meant.get() + "'?";
        } else if (!orderable.isEmpty()) {
            hint = "It can be ordered by " + quoted(orderable, ", ") + ".";
        } else {
            hint = "It has no stored numeric or temporal field.";
        }
        return ORDERING_UNKNOWN_FIELD.format(ordering, model, hint);
    }

    /**
     * @param index the {@code @Index} as written
     * @param model the model's simple name
     * @param name the name it gives that no stored field has
     * @param fields the model's stored fields, by their Java names
     * @param storedAs the Java name of the field stored under {@code name} by {@code @Stored}, or empty
     */
    public static Problem compoundIndexUnknownField(String index, String model, String name, List<String> fields,
                                                    Optional<String> storedAs) {
        String hint;
        if (storedAs.isPresent()) {
            hint = "Did you mean '" + storedAs.get() + "', which is stored as '" + name
                    + "'? @Index names fields by their Java names.";
        } else {
            hint = NearMiss.closest(name, fields).map(m -> "Did you mean '" + m + "'?")
                    .orElse("Its stored fields are " + quoted(fields, ", ") + ".");
        }
        return COMPOUND_INDEX_UNKNOWN_FIELD.format(index, model, name, hint);
    }

    /**
     * @param simpleName the named type's simple name, as in its class literal
     * @param field the reference field
     * @param named the named type, qualified
     * @param meant a model (qualified name) whose name is close to the named type's, or empty
     */
    public static Problem referenceNotModel(String simpleName, String field, String named, Optional<String> meant) {
        return REFERENCE_NOT_MODEL.format(simpleName, field, named, didYouMean(meant));
    }

    /**
     * @param field the reference field
     * @param fieldType its declared type
     * @param target the referenced model's simple name
     * @param targetId the type of the referenced model's id
     * @param declareAs the type to declare the field with
     */
    public static Problem referenceTypeMismatch(String field, TypeMirror fieldType, String target, TypeMirror targetId,
                                                String declareAs) {
        return REFERENCE_TYPE_MISMATCH.format(field, fieldType, target, targetId, declareAs);
    }

    /**
     * @param field the reference field
     * @param onDelete what its deletes do
     * @param source the referencing model
     * @param target the referenced model
     */
    public static Problem referenceGroupMismatch(String field, OnDelete onDelete, ModelGroup source, ModelGroup target) {
        return REFERENCE_GROUP_MISMATCH.format(target.model(), onDelete, field, source.model(),
                ModelGroup.whyApart(source, target));
    }

    /**
     * @param field the reference field
     * @param onDelete what its deletes do
     * @param source the referencing model
     * @param target the referenced model; one of the two, or both, is partitioned
     */
    public static Problem partitionedReferenceFollowed(String field, OnDelete onDelete, ModelGroup source, ModelGroup target) {
        return PARTITIONED_REFERENCE_FOLLOWED.format(target.model(), onDelete, field, source.model(),
                ModelGroup.whichPartitioned(source, target));
    }

    /**
     * @param field the reference field
     * @param onDelete what its deletes do
     * @param source the referencing model's simple name
     * @param target the referenced model's simple name
     */
    public static Problem referenceTargetNotInRound(String field, OnDelete onDelete, String source, String target) {
        return REFERENCE_TARGET_NOT_IN_ROUND.format(target, onDelete, field, source);
    }

    /**
     * @param field the CASCADE reference the error is reported on
     * @param cycle the steps round the cycle, for example {@code Order.customerId}, {@code Customer.lastOrderId},
     *     {@code Order}
     */
    public static Problem referenceCascadeCycle(String field, List<String> cycle) {
        return REFERENCE_CASCADE_CYCLE.format(field, quoted(cycle, " -> "));
    }

    /**
     * @param simpleName the named type's simple name, as in its class literal
     * @param source the model carrying {@code @ManyToMany}, simple name
     * @param named the named type, qualified
     * @param meant a model (qualified name) whose name is close to the named type's, or empty
     */
    public static Problem manyToManyTargetNotModel(String simpleName, String source, String named, Optional<String> meant) {
        return MANY_TO_MANY_TARGET_NOT_MODEL.format(simpleName, source, named, didYouMean(meant));
    }

    /**
     * @param relation the {@code name} of the {@code @ManyToMany}
     * @param source the model carrying it
     * @param target the model it links to (the same as {@code source} for a model linked to itself)
     * @param linkModel the link model's simple name
     */
    public static Problem manyToManyGroupMismatch(String relation, ModelGroup source, ModelGroup target, String linkModel) {
        return MANY_TO_MANY_GROUP_MISMATCH.format(target.model(), relation, source.model(), linkModel,
                ModelGroup.whyApart(source, target));
    }

    /**
     * @param relation the {@code name} of the {@code @ManyToMany}
     * @param source the model carrying it
     * @param target the model it links to; one of the two, or both, is partitioned
     * @param linkModel the link model's simple name
     */
    public static Problem partitionedManyToMany(String relation, ModelGroup source, ModelGroup target, String linkModel) {
        return PARTITIONED_MANY_TO_MANY.format(target.model(), relation, source.model(), linkModel,
                ModelGroup.whichPartitioned(source, target));
    }

    /**
     * @param relation the {@code name} of the {@code @ManyToMany}
     * @param source the model carrying it, simple name
     * @param target the model it links to, simple name
     * @param linkModel the link model's simple name
     */
    public static Problem manyToManyTargetNotInRound(String relation, String source, String target, String linkModel) {
        return MANY_TO_MANY_TARGET_NOT_IN_ROUND.format(target, relation, source, linkModel);
    }

    public static Problem fieldRawType(String field, TypeMirror rawType, List<String> typeParameters) {
        return FIELD_RAW_TYPE.format(field, rawType, quoted(typeParameters, ", "));
    }

    /**
     * @param field the stored field
     * @param type its type
     * @param hidden the type within it that generated code cannot name, qualified
     * @param hiddenPrivate whether that type is private; else it is package-private in {@code hiddenPackage}
     * @param hiddenPackage the package of that type
     * @param modelPackage the model's package, where the DAO is generated
     */
    public static Problem fieldTypeNotAccessible(String field, TypeMirror type, String hidden, boolean hiddenPrivate,
                                                 String hiddenPackage, String modelPackage) {
        String why = hiddenPrivate ? "private" : "not public and in package '" + hiddenPackage + "'";
        return FIELD_TYPE_NOT_ACCESSIBLE.format(field, type, hidden, why, modelPackage);
    }

    /**
     * @param element the qualified name of the element Redao worked on, or null when none is known
     * @param what what failed
     * @param cause the failure, whose stack trace the message carries
     */
    public static Problem internalError(String element, String what, Throwable cause) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        return INTERNAL_ERROR.format(element == null ? "this compilation" : "'" + element + "'", what, trace);
    }

    /** {@code 'a', 'b'} for the separator {@code ", "}. */
    static String quoted(List<String> names, String separator) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            out.add("'" + name + "'");
        }
        return String.join(separator, out);
    }

    private static String didYouMean(Optional<String> meant) {
        return meant.map(name -> " Did you mean '" + name + "'?").orElse("");
    }
}
