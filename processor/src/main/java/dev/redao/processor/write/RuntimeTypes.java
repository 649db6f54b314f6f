package dev.redao.processor.write;

import com.palantir.javapoet.ClassName;

/** The runtime and library types generated code names. The processor never loads them. */
final class RuntimeTypes {
    private static final String RUNTIME = "dev.redao.runtime";
    /** What generated code needs and users never name: no compatibility promise. */
    private static final String INTERNAL = RUNTIME + ".internal";
    private static final String QUERY = RUNTIME + ".query";
    private static final String MESSAGING = RUNTIME + ".messaging";
    private static final String SPI = RUNTIME + ".spi";
    private static final String ANNOTATIONS = "dev.redao.annotations";

    /**
     * What generated code and the runtime agree on: the runtime's {@code ModelSchema.PROTOCOL},
     * which refuses a DAO written for another. Raise both together when the description a DAO
     * gives, or the methods it implements, change.
     */
    static final int PROTOCOL = 2;

    static final ClassName MODEL_DAO = ClassName.get(RUNTIME, "ModelDao");
    static final ClassName MODEL_SCHEMA = ClassName.get(INTERNAL, "ModelSchema");
    static final ClassName REDIS_STORE = ClassName.get(RUNTIME, "RedisStore");
    static final ClassName FIELD_WRITER = ClassName.get(INTERNAL, "FieldWriter");
    static final ClassName ROW = ClassName.get(INTERNAL, "Row");
    static final ClassName ELEMENT_CODEC = ClassName.get(INTERNAL, "ElementCodec");
    static final ClassName SAVED = ClassName.get(RUNTIME, "Saved");
    static final ClassName CODECS = ClassName.get(INTERNAL, "Codecs");
    static final ClassName SCORES = ClassName.get(INTERNAL, "Scores");
    static final ClassName MODEL_QUERY = ClassName.get(QUERY, "ModelQuery");
    static final ClassName FIELD = ClassName.get(QUERY, "Field");
    static final ClassName SORTABLE_FIELD = ClassName.get(QUERY, "SortableField");
    static final ClassName EQUALITY_FIELD = ClassName.get(QUERY, "EqualityField");
    static final ClassName STRING_FIELD = ClassName.get(QUERY, "StringField");
    static final ClassName PREFIX_STRING_FIELD = ClassName.get(QUERY, "PrefixStringField");
    static final ClassName RANGE_FIELD = ClassName.get(QUERY, "RangeField");
    static final ClassName UNIQUE_FIELD = ClassName.get(QUERY, "UniqueField");
    static final ClassName ID_FIELD = ClassName.get(QUERY, "IdField");
    static final ClassName REFERENCE_FIELD = ClassName.get(QUERY, "ReferenceField");
    static final ClassName DAO_CATALOG = ClassName.get(SPI, "DaoCatalog");
    static final ClassName DAO_REGISTRY = ClassName.get(SPI, "DaoRegistry");
    static final ClassName MODEL_REF = ClassName.get(INTERNAL, "ModelRef");
    static final ClassName LINK_IDS = ClassName.get(INTERNAL, "LinkIds");
    static final ClassName ON_DELETE = ClassName.get(ANNOTATIONS, "OnDelete");
    static final ClassName MODEL = ClassName.get(ANNOTATIONS, "Model");
    static final ClassName ID = ClassName.get(ANNOTATIONS, "Id");
    static final ClassName REFERENCES = ClassName.get(ANNOTATIONS, "References");
    static final ClassName CHANGE_EVENT = ClassName.get(MESSAGING, "ChangeEvent");
    static final ClassName SUBSCRIPTION = ClassName.get(MESSAGING, "Subscription");
    static final ClassName CONSUMER = ClassName.get("java.util.function", "Consumer");
    static final ClassName TYPE_REFERENCE = ClassName.get("com.fasterxml.jackson.core.type", "TypeReference");
    static final ClassName LIST = ClassName.get("java.util", "List");
    static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
    static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private RuntimeTypes() {}
}
