package dev.redao.processor.diag;

/**
 * Every error the processor reports, in one place. Each message says what is wrong and how to
 * fix it; its tag ({@code [Redao/...]}) stays stable so that tests and users can search for it.
 * Placeholders are filled with {@link String#format}.
 */
public enum Message {
    MODEL_NOT_CLASS_OR_RECORD("@Model is on %s %s: only a class or a record can be stored. Move @Model to a class or record."),
    MODEL_ABSTRACT("@Model class %s is abstract, so Redao cannot create it when loading. Make it concrete, or remove @Model and extend it with a concrete @Model class."),
    MODEL_NOT_PUBLIC("@Model type %s is not public. Make it public: its DAO is public and returns it."),
    MODEL_INNER_CLASS("@Model class %s is an inner class, which needs an enclosing instance to be created. Make it static."),
    MODEL_ENCLOSING_NOT_PUBLIC("@Model type %s is nested in %s, which is not public. Make every enclosing type public."),
    MODEL_GENERIC("@Model type %s has type parameters %s; a stored model needs concrete field types. Remove the type parameters."),
    MODEL_NAME_INVALID("@Model(name = \"%s\") is not a valid model name: use letters, digits, '_', '-' and '.', starting with a letter."),
    MODEL_NAME_DUPLICATE("@Model %s has the key name '%s', which %s already has: both would write the same keys. Give one of them another @Model(name)."),
    MODEL_GROUP_INVALID("@Model(group = \"%s\") is not a valid group name: use letters, digits, '_', '-' and '.', starting with a letter, or leave it empty for a model without a group."),
    ORDERING_UNKNOWN_FIELD("@Model(ordering = \"%s\") names no stored field of %s. Use the name of a numeric or temporal field, with a leading '-' for descending order."),
    ORDERING_NOT_ORDERED_TYPE("@Model(ordering = \"%s\"): field %s has type %s, which has no order a sorted set can keep. Order by a numeric, date or time field."),
    MODEL_NO_ID("@Model %s has no @Id field. Add @Id to a Long, Integer, String or UUID field."),
    MODEL_NO_CONSTRUCTOR("@Model class %s has no constructor without parameters that its DAO can call. Add a public or package-private no-argument constructor."),
    ID_DUPLICATE("%s has a second @Id: %s already is the id. Keep @Id on exactly one field."),
    ID_PRIMITIVE("@Id field %s is a primitive %s, which cannot be null, so a new object could never get its id from the server. Use %s."),
    ID_UNSUPPORTED_TYPE("@Id field %s has type %s. Use Long or Integer (assigned by the server), or String or UUID (assigned randomly)."),
    ID_ALSO_INDEXED("@Id field %s is also @%s, which it needs not: an id is unique and can be looked up already. Remove @%s."),
    INDEXED_UNSUPPORTED_TYPE("@Indexed field %s has type %s, which has no index: only strings, numbers, booleans, characters, enums, UUIDs, dates and times can be indexed. Remove @Indexed, or index a scalar field derived from it."),
    INDEXED_PREFIX_NOT_STRING("@Indexed(prefix = true) on %s of type %s: a prefix index is kept only for String fields. Remove prefix = true, or index a String field derived from it."),
    UNIQUE_UNSUPPORTED_TYPE("@Unique field %s has type %s, which cannot be unique: only strings, integral and decimal numbers, booleans, characters, enums, UUIDs, dates and times can be. Remove @Unique."),
    UNIQUE_FLOATING_POINT("@Unique field %s is a floating-point %s: equal-looking doubles may differ in their last bits, so uniqueness would not mean what it seems. Use BigDecimal, long or String for a unique number."),
    VERSION_TYPE("@Version field %s has type %s, but a version is a count of saves. Make it long or Long."),
    VERSION_DUPLICATE("%s has a second @Version: %s already is the version. Keep @Version on exactly one field."),
    VERSION_INDEXED("@Version field %s is also %s, but a version changes on every save, so it can be neither the id nor indexed nor unique. Remove %s, or keep the version in a field of its own."),
    VERSION_ORDERING("@Model(ordering = \"%s\") names the @Version field %s, which the save script advances after the object's score is taken, so the order would lag one save behind. Order by another numeric or temporal field."),
    REFERENCE_NOT_MODEL("@References(%s.class) on field %s names %s, which is not a @Model, so there is no object to reference. Reference a @Model type, or put @Model on %s."),
    REFERENCE_TYPE_MISMATCH("@References field %s has type %s, but it holds the id of the referenced %s object, whose @Id has type %s. Declare the field as %s."),
    REFERENCE_ALSO_ID_OR_INDEXED("@References field %s is also %s, but a reference holds another object's id and is indexed already, so it can be neither this object's id nor @Indexed. Remove %s."),
    REFERENCE_GROUP_MISMATCH("@References(value = %s.class, onDelete = %s) on field %s: deleting %s objects acts on the %s objects that reference them in the same script, so both models must share a cluster slot, but %s. Give both the same @Model(group = \"...\"), or use onDelete = KEEP."),
    REFERENCE_TARGET_NOT_IN_ROUND("@References(value = %s.class, onDelete = %s) on field %s: %s is not compiled together with %s (it comes from a class file, another module or an earlier round), so its DAO is generated without knowing this reference, and deleting %s objects could not act on it. Use onDelete = KEEP, or compile both models in one compilation."),
    REFERENCE_CASCADE_CYCLE("@References(onDelete = CASCADE) on field %s closes a cycle of cascades: %s. A delete would cascade round between these models with no model where it ends. Make one reference of the cycle SET_NULL, RESTRICT or KEEP."),
    MANY_TO_MANY_OUTSIDE_MODEL("@ManyToMany on %s, but %s is not a @Model, so no link model would be generated. Put @Model on %s, or move @ManyToMany to a @Model."),
    MANY_TO_MANY_TARGET_NOT_MODEL("@ManyToMany(to = %s.class) on %s names %s, which is not a @Model, so there is nothing to link to. Link to a @Model type, or put @Model on %s."),
    MANY_TO_MANY_NAME_INVALID("@ManyToMany(name = \"%s\") on %s is not a valid relation name: use letters, digits and '_', starting with a letter. It becomes part of the link model's class name and key name."),
    MANY_TO_MANY_NAME_DUPLICATE("%s has a second @ManyToMany(name = \"%s\"): both would generate the link model %s. Give each relation a name of its own."),
    MANY_TO_MANY_NAME_CLASH("@ManyToMany(name = \"%s\") on %s would generate the link model %s, but a type %s already exists. Choose another name, or rename the existing type."),
    MANY_TO_MANY_GROUP_MISMATCH("@ManyToMany(to = %s.class, name = \"%s\") on %s: deleting %s or %s objects deletes their links in the same script, so both models and the link model %s must share a cluster slot, but %s. Give %s and %s the same @Model(group = \"...\"); the link model joins it."),
    MANY_TO_MANY_TARGET_NOT_IN_ROUND("@ManyToMany(to = %s.class, name = \"%s\") on %s: %s is not compiled together with %s (it comes from a class file, another module or an earlier round), so its DAO is generated without knowing the link model %s, and deleting %s objects could not delete their links. Compile both models in one compilation."),
    FIELD_NOT_ACCESSIBLE("Stored field %s is private and has neither a getter nor a setter the DAO can call. Add a public or package-private %s() and %s(%s), make the field non-private, or mark it @Transient."),
    FIELD_RAW_TYPE("Stored field %s has the raw type %s, so its elements could not be read back from JSON. Give its type arguments %s, for example List<String>."),
    FIELD_NOT_READABLE("Stored field %s is private and has no getter the DAO can call. Add a public or package-private %s(), make the field non-private, or mark it @Transient."),
    FIELD_NOT_WRITABLE("Stored field %s cannot be set by the DAO: it is %s and has no setter. Add a public or package-private %s(%s), make the field non-private and non-final, or mark it @Transient."),
    ANNOTATION_ON_UNSTORED_FIELD("@%s on %s, which is not stored because it is %s, so the annotation would do nothing. Remove @%s, or make the field a stored one."),
    FIELD_TYPE_NOT_ACCESSIBLE("Stored field %s has type %s, but %s is %s, so the generated DAO in package %s cannot name it. Make it public, or package-private in %s."),
    TRANSIENT_ON_RECORD("Record component %s is @Transient, but every record component is part of the canonical constructor and must be stored. Remove @Transient."),
    MEMBER_OUTSIDE_MODEL("@%s on %s, but %s is not a @Model. Put @Model on %s, or make it an abstract class that @Model classes extend."),
    GENERATED_NAME_CLASH("Redao would generate %s for @Model %s, but a type %s already exists. Rename the existing type or the model."),
    INTERNAL_ERROR("Redao failed on %s: %s. This is a bug in Redao; please report it with the model's source and this stack trace:%n%s");

    private final String template;

    Message(String template) {
        this.template = template;
    }

    /** The tag that starts the message, for example {@code [Redao/ID_PRIMITIVE]}. */
    public String tag() {
        return "[Redao/" + name() + "]";
    }

    public String format(Object... args) {
        return tag() + " " + String.format(template, args);
    }
}
