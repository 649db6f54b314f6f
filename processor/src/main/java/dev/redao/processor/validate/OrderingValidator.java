package dev.redao.processor.validate;

import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.IndexKind;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code @Model(ordering)}: the id set becomes a sorted set scored by the field it names, which
 * must be stored and have a numeric order.
 */
final class OrderingValidator {
    private final Reporter reporter;

    OrderingValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * The ordering field among the model's valid stored fields, or null: none is named, or the one
     * named is not valid (reported here, or on the field when it has errors of its own).
     */
    FieldDescriptor ordering(ParsedModel parsed, List<FieldDescriptor> fields) {
        if (!parsed.ordered()) {
            return null;
        }
        String text = parsed.ordering();
        String name = parsed.orderingField();
        for (FieldDescriptor f : fields) {
            if (f.name().equals(name)) {
                if (f.kind().index() != IndexKind.SORTED) {
                    reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.orderingValue(),
                            Message.ORDERING_NOT_ORDERED_TYPE, text, name, f.type());
                    return null;
                }
                if (isVersion(parsed, name)) {
                    reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.orderingValue(),
                            Message.VERSION_ORDERING, text, name);
                    return null;
                }
                return f;
            }
        }
        for (ParsedField f : parsed.fields()) {
            if (f.name().equals(name) && !f.id() && (parsed.record() || !f.markedTransient())) {
                return null; // stored, but it has errors of its own, reported already
            }
        }
        List<String> orderable = new ArrayList<>();
        for (FieldDescriptor f : fields) {
            if (f.kind().index() == IndexKind.SORTED && !isVersion(parsed, f.name())) {
                orderable.add(f.name());
            }
        }
        reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.orderingValue(),
                Message.orderingUnknownField(text, parsed.element().getSimpleName().toString(), name, orderable));
        return null;
    }

    private static boolean isVersion(ParsedModel parsed, String name) {
        for (ParsedField f : parsed.fields()) {
            if (f.name().equals(name) && f.version()) {
                return true;
            }
        }
        return false;
    }
}
