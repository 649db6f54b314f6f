package dev.redao.processor.validate;

import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Problem;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.CompoundIndex;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.IndexKind;
import dev.redao.processor.model.ValueKind;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedIndex;
import dev.redao.processor.parse.ParsedModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code @Model(indexes)}: each {@code @Index} names two stored fields by their Java names, the
 * first with a set index (an {@code @Indexed} text, enum, boolean, character or UUID, or a
 * reference), the second with a sorted index (an {@code @Indexed} number, date or time), and no
 * pair comes twice. Errors go on the {@code @Index}'s {@code value}.
 */
final class CompoundIndexValidator {
    private final Reporter reporter;

    CompoundIndexValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * The model's valid compound indexes, in the order declared. An {@code @Index} that names a
     * stored field with errors of its own is left out without a word: those errors are reported.
     */
    List<CompoundIndex> indexes(ParsedModel parsed, StoredFieldsValidator.StoredFields stored) {
        String model = parsed.element().getSimpleName().toString();
        List<CompoundIndex> out = new ArrayList<>();
        Set<List<String>> declared = new HashSet<>();
        for (ParsedIndex index : parsed.indexes()) {
            if (index.names().size() != 2) {
                report(parsed, index, Message.COMPOUND_INDEX_FIELD_COUNT.with(index.text(), model, index.names().size()));
                continue;
            }
            if (!declared.add(index.names())) {
                report(parsed, index, Message.COMPOUND_INDEX_DUPLICATE.with(index.text(), model));
                continue;
            }
            FieldDescriptor first = field(parsed, stored, index, index.names().get(0));
            FieldDescriptor second = field(parsed, stored, index, index.names().get(1));
            boolean valid = first != null && second != null;
            if (first != null && first.index() != IndexKind.SET) {
                report(parsed, index, Message.COMPOUND_INDEX_FIRST_NOT_EQUALITY.with(index.text(), model, first.name(),
                        first.type()));
                valid = false;
            }
            if (second != null && second.index() != IndexKind.SORTED) {
                report(parsed, index, Message.COMPOUND_INDEX_SECOND_NOT_ORDERED.with(index.text(), model, second.name(),
                        second.type()));
                valid = false;
            } else if (second != null && (second.kind() == ValueKind.BIG_DECIMAL || second.kind() == ValueKind.BIG_INTEGER)) {
                report(parsed, index, Message.COMPOUND_INDEX_SECOND_INEXACT.with(index.text(), model, second.name(), second.type()));
                valid = false;
            }
            if (valid) {
                out.add(new CompoundIndex(first, second));
            }
        }
        return out;
    }

    /**
     * The valid stored field (the id included) of that Java name, or null: it has errors of its
     * own, or there is none (reported here).
     */
    private FieldDescriptor field(ParsedModel parsed, StoredFieldsValidator.StoredFields stored, ParsedIndex index,
                                  String name) {
        List<FieldDescriptor> all = new ArrayList<>();
        if (stored.id() != null) {
            all.add(stored.id());
        }
        all.addAll(stored.fields());
        for (FieldDescriptor f : all) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        for (ParsedField f : parsed.fields()) {
            if (f.name().equals(name) && (parsed.record() || !f.markedTransient())) {
                return null; // stored, but it has errors of its own, reported already
            }
        }
        List<String> names = new ArrayList<>();
        Optional<String> storedAs = Optional.empty();
        for (FieldDescriptor f : all) {
            names.add(f.name());
            if (f.stored().equals(name)) {
                storedAs = Optional.of(f.name());
            }
        }
        report(parsed, index, Message.compoundIndexUnknownField(index.text(), parsed.element().getSimpleName().toString(),
                name, names, storedAs));
        return null;
    }

    private void report(ParsedModel parsed, ParsedIndex index, Problem problem) {
        reporter.error(parsed.element(), index.mirror(), index.value(), problem);
    }
}
