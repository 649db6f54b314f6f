package dev.redao.processor.write;

import dev.redao.processor.model.FieldDescriptor;

/**
 * The runtime's {@code FieldWriter} method that stores a field of each kind, named as the
 * {@code Row} method that reads it back ({@link RowReaders}).
 */
final class FieldWriters {
    private FieldWriters() {}

    static String method(FieldDescriptor f) {
        String box = f.primitive() ? "Value" : "Box";
        return switch (f.kind()) {
            case STRING -> "string";
            case BOOLEAN -> "boolean" + box;
            case CHAR -> "char" + box;
            case BYTE -> "byte" + box;
            case SHORT -> "short" + box;
            case INT -> "int" + box;
            case LONG -> "long" + box;
            case FLOAT -> "float" + box;
            case DOUBLE -> "double" + box;
            case BIG_DECIMAL -> "bigDecimal";
            case BIG_INTEGER -> "bigInteger";
            case ENUM -> "enumValue";
            case UUID -> "uuid";
            case INSTANT -> "instant";
            case LOCAL_DATE -> "localDate";
            case LOCAL_DATE_TIME -> "localDateTime";
            case LOCAL_TIME -> "localTime";
            case DURATION -> "duration";
            case BYTES -> "bytes";
            case JSON -> "json";
        };
    }
}
