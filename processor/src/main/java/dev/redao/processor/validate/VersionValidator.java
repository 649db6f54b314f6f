package dev.redao.processor.validate;

import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.ValueKind;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.TypeClassifier;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * At most one {@code @Version}: a {@code long} that the save script compares and advances, so it
 * cannot be an id or an index entry, which would go stale on every save.
 */
final class VersionValidator {
    private final Reporter reporter;

    VersionValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    void check(ParsedField f) {
        if (TypeClassifier.classify(f.type()) != ValueKind.LONG) {
            reporter.error(f.reportOn(), Message.VERSION_TYPE, f.name(), f.type());
        }
        List<String> also = new ArrayList<>();
        if (f.id()) {
            also.add("@Id");
        }
        if (f.indexed()) {
            also.add("@Indexed");
        }
        if (f.unique()) {
            also.add("@Unique");
        }
        if (f.reference() != null) {
            also.add("@References");
        }
        if (!also.isEmpty()) {
            String names = String.join(" and ", also);
            reporter.error(f.reportOn(), Message.VERSION_INDEXED, f.name(), names, names);
        }
    }

    void reportSecond(TypeElement model, ParsedField first, ParsedField second) {
        reporter.error(second.reportOn(), Message.VERSION_DUPLICATE, model.getSimpleName(), first.name());
    }
}
