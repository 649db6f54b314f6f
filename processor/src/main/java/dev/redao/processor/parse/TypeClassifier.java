package dev.redao.processor.parse;

import dev.redao.processor.model.IdKind;
import dev.redao.processor.model.ValueKind;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Decides how a Java type is stored. Anything without a native form is stored as JSON. */
public final class TypeClassifier {
    private static final Map<String, ValueKind> DECLARED = Map.ofEntries(
            Map.entry("java.lang.String", ValueKind.STRING),
            Map.entry("java.lang.Boolean", ValueKind.BOOLEAN),
            Map.entry("java.lang.Character", ValueKind.CHAR),
            Map.entry("java.lang.Byte", ValueKind.BYTE),
            Map.entry("java.lang.Short", ValueKind.SHORT),
            Map.entry("java.lang.Integer", ValueKind.INT),
            Map.entry("java.lang.Long", ValueKind.LONG),
            Map.entry("java.lang.Float", ValueKind.FLOAT),
            Map.entry("java.lang.Double", ValueKind.DOUBLE),
            Map.entry("java.math.BigDecimal", ValueKind.BIG_DECIMAL),
            Map.entry("java.math.BigInteger", ValueKind.BIG_INTEGER),
            Map.entry("java.util.UUID", ValueKind.UUID),
            Map.entry("java.time.Instant", ValueKind.INSTANT),
            Map.entry("java.time.LocalDate", ValueKind.LOCAL_DATE),
            Map.entry("java.time.LocalDateTime", ValueKind.LOCAL_DATE_TIME),
            Map.entry("java.time.LocalTime", ValueKind.LOCAL_TIME),
            Map.entry("java.time.Duration", ValueKind.DURATION));

    private static final Map<String, IdKind> ID_TYPES = Map.of(
            "java.lang.Long", IdKind.LONG,
            "java.lang.Integer", IdKind.INTEGER,
            "java.lang.String", IdKind.STRING,
            "java.util.UUID", IdKind.UUID);

    private TypeClassifier() {}

    public static ValueKind classify(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN: return ValueKind.BOOLEAN;
            case CHAR: return ValueKind.CHAR;
            case BYTE: return ValueKind.BYTE;
            case SHORT: return ValueKind.SHORT;
            case INT: return ValueKind.INT;
            case LONG: return ValueKind.LONG;
            case FLOAT: return ValueKind.FLOAT;
            case DOUBLE: return ValueKind.DOUBLE;
            case ARRAY:
                return ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE ? ValueKind.BYTES : ValueKind.JSON;
            case DECLARED:
                TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
                if (element.getKind() == ElementKind.ENUM) {
                    return ValueKind.ENUM;
                }
                return DECLARED.getOrDefault(element.getQualifiedName().toString(), ValueKind.JSON);
            default:
                return ValueKind.JSON;
        }
    }

    /** The id kind of a declared type, or null if the type cannot be an id. */
    public static IdKind idKind(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        return ID_TYPES.get(element.getQualifiedName().toString());
    }

    /** The boxed type to suggest for a primitive id. */
    public static String boxFor(TypeMirror primitive) {
        return switch (primitive.getKind()) {
            case LONG -> "Long";
            case INT, SHORT, BYTE, CHAR -> "Integer";
            default -> "Long or String";
        };
    }
}
