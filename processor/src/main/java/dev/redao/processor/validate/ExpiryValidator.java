package dev.redao.processor.validate;

import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.parse.ParsedModel;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * {@code @Model(ttl)} and {@code @Model(expiring)}: the time to live is read here, at compile time,
 * so that a mistake in it is an error now rather than at the first save.
 */
final class ExpiryValidator {
    /** The runtime's longest time to live ({@code Expiry.LONGEST}), which the processor cannot link to. */
    private static final Duration LONGEST = Duration.ofDays(36_500);

    private final Reporter reporter;

    ExpiryValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    /** The model's ttl in milliseconds, 0 for none; a bad one, or one on a partitioned model, is reported. */
    long ttlMillis(ParsedModel parsed) {
        String model = parsed.element().getSimpleName().toString();
        if (parsed.expiring() && parsed.partitioned()) {
            parsed.fields().stream().filter(f -> f.unique() && !f.markedTransient()).findFirst().ifPresent(f ->
                    reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.partitionsValue(),
                            Message.EXPIRING_PARTITIONED.with(parsed.partitions(), model, f.name())));
        }
        if (parsed.ttl().isEmpty()) {
            return 0;
        }
        Duration ttl;
        try {
            ttl = Duration.parse(parsed.ttl());
        } catch (DateTimeParseException e) {
            ttl = null;
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(LONGEST) > 0 || ttl.toMillis() == 0) {
            reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.ttlValue(), Message.TTL_INVALID.with(parsed.ttl(), model));
            return 0;
        }
        return ttl.toMillis();
    }
}
