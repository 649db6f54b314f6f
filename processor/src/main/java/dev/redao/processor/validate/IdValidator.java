package dev.redao.processor.validate;

import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.IdKind;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.TypeClassifier;
import javax.lang.model.element.TypeElement;

/** Exactly one {@code @Id}, of a type whose values the server or the DAO can assign. */
final class IdValidator {
    private final Reporter reporter;

    IdValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    /** The id's kind, or null if its type cannot be an id (reported). */
    IdKind check(ParsedField f) {
        if (f.indexed() || f.unique()) {
            String redundant = f.unique() ? "Unique" : "Indexed";
            reporter.error(f.reportOn(), Message.ID_ALSO_INDEXED, f.name(), redundant, redundant);
        }
        if (f.type().getKind().isPrimitive()) {
            reporter.error(f.reportOn(), Message.ID_PRIMITIVE, f.name(), f.type(), TypeClassifier.boxFor(f.type()));
            return null;
        }
        IdKind kind = TypeClassifier.idKind(f.type());
        if (kind == null) {
            reporter.error(f.reportOn(), Message.ID_UNSUPPORTED_TYPE, f.name(), f.type());
        }
        return kind;
    }

    void reportSecond(TypeElement model, ParsedField first, ParsedField second) {
        reporter.error(second.reportOn(), Message.ID_DUPLICATE, model.getSimpleName(), first.name());
    }

    void reportMissing(TypeElement model) {
        reporter.error(model, Message.MODEL_NO_ID, model.getSimpleName());
    }
}
