package dev.redao.processor.validate;

import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.IndexKind;
import dev.redao.processor.model.ValueKind;
import dev.redao.processor.parse.ParsedField;

/** {@code @Indexed} and {@code @Unique}, which only some kinds of values can have. */
final class IndexValidator {
    private final Reporter reporter;

    IndexValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    /** The index an {@code @Indexed} field gets: NONE when its kind has none (reported). */
    IndexKind index(ParsedField f, ValueKind kind) {
        if (!kind.canBeIndexed()) {
            reporter.error(f.reportOn(), Message.INDEXED_UNSUPPORTED_TYPE, f.name(), f.type());
            return IndexKind.NONE;
        }
        if (f.prefix() && kind != ValueKind.STRING) {
            reporter.error(f.reportOn(), Message.INDEXED_PREFIX_NOT_STRING, f.name(), f.type());
        }
        return kind.index();
    }

    void checkUnique(ParsedField f, ValueKind kind) {
        if (kind.isFloatingPoint()) {
            reporter.error(f.reportOn(), Message.UNIQUE_FLOATING_POINT, f.name(), f.type());
        } else if (!kind.canBeUnique()) {
            reporter.error(f.reportOn(), Message.UNIQUE_UNSUPPORTED_TYPE, f.name(), f.type());
        }
    }
}
