package dev.redao.processor.validate;

import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Problem;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.parse.ParsedModel;

/**
 * {@code @Model(partitions)}: a partitioned model spreads its objects over a cluster slot per
 * partition, so it cannot have what needs the model in one slot. Its {@code @Unique} fields are
 * checked with the field's other index rules, its references and links where they are checked.
 */
final class PartitionsValidator {
    /**
     * The runtime's {@code ModelSchema.MIN_PARTITIONS} and {@code MAX_PARTITIONS}, which the
     * processor cannot link to: it runs without the runtime.
     */
    static final int MIN_PARTITIONS = 2;
    static final int MAX_PARTITIONS = 64;

    private final Reporter reporter;

    PartitionsValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    void check(ParsedModel parsed) {
        int partitions = parsed.partitions();
        String model = parsed.element().getSimpleName().toString();
        if (partitions != 1 && (partitions < MIN_PARTITIONS || partitions > MAX_PARTITIONS)) {
            report(parsed, Message.PARTITIONS_OUT_OF_RANGE.with(partitions, model));
        }
        if (!parsed.partitioned()) {
            return;
        }
        if (!parsed.group().isEmpty()) {
            report(parsed, Message.PARTITIONS_WITH_GROUP.with(partitions, parsed.group(), model));
        }
    }

    /** On the {@code partitions} attribute: it is what the other attributes cannot be combined with. */
    private void report(ParsedModel parsed, Problem problem) {
        reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.partitionsValue(), problem);
    }
}
