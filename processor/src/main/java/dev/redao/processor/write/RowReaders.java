package dev.redao.processor.write;

import com.palantir.javapoet.CodeBlock;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.IdKind;

/** The {@code Row} call that reads a field of each kind. */
final class RowReaders {
    private RowReaders() {}

    /** @param jsonType the name of the field's TypeReference constant, for JSON fields */
    static CodeBlock read(FieldDescriptor f, int position, String jsonType) {
        String box = f.primitive() ? "Value" : "Box";
        return switch (f.kind()) {
            case STRING -> CodeBlock.of("r.string($L)", position);
            case BOOLEAN -> CodeBlock.of("r.boolean$L($L)", box, position);
            case CHAR -> CodeBlock.of("r.char$L($L)", box, position);
            case BYTE -> CodeBlock.of("r.byte$L($L)", box, position);
            case SHORT -> CodeBlock.of("r.short$L($L)", box, position);
            case INT -> CodeBlock.of("r.int$L($L)", box, position);
            case LONG -> CodeBlock.of("r.long$L($L)", box, position);
            case FLOAT -> CodeBlock.of("r.float$L($L)", box, position);
            case DOUBLE -> CodeBlock.of("r.double$L($L)", box, position);
            case BIG_DECIMAL -> CodeBlock.of("r.bigDecimal($L)", position);
            case BIG_INTEGER -> CodeBlock.of("r.bigInteger($L)", position);
            case ENUM -> CodeBlock.of("r.enumValue($L, $T::valueOf)", position, f.type());
            case UUID -> CodeBlock.of("r.uuid($L)", position);
            case INSTANT -> CodeBlock.of("r.instant($L)", position);
            case LOCAL_DATE -> CodeBlock.of("r.localDate($L)", position);
            case LOCAL_DATE_TIME -> CodeBlock.of("r.localDateTime($L)", position);
            case LOCAL_TIME -> CodeBlock.of("r.localTime($L)", position);
            case DURATION -> CodeBlock.of("r.duration($L)", position);
            case BYTES -> CodeBlock.of("r.bytes($L)", position);
            case JSON -> CodeBlock.of("r.json($L, $N)", position, jsonType);
        };
    }

    static CodeBlock readId(IdKind kind) {
        return switch (kind) {
            case LONG -> CodeBlock.of("r.longBox(0)");
            case INTEGER -> CodeBlock.of("r.intBox(0)");
            case STRING -> CodeBlock.of("r.string(0)");
            case UUID -> CodeBlock.of("r.uuid(0)");
        };
    }
}
