package dev.redao.runtime.internal;

import dev.redao.runtime.audit.AuditReport;
import dev.redao.runtime.audit.Finding;
import dev.redao.runtime.audit.Outcome;
import dev.redao.runtime.audit.ProblemCount;
import dev.redao.runtime.audit.ProblemKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an audit or a repair has found and done so far, counted per kind of problem with a few
 * examples of each, and how its scripts went: it holds no more than that, so an audit of millions
 * of objects keeps little in memory.
 */
final class AuditLedger {
    private final String model;
    private final boolean repair;
    private final long started = System.nanoTime();
    private final Map<ProblemKind, Tally> tallies = new EnumMap<>(ProblemKind.class);
    private long objects;
    private long entries;
    private long scripts;
    private long largestStep;

    AuditLedger(String model, boolean repair) {
        this.model = model;
        this.repair = repair;
    }

    /** One problem, with what became of it. */
    void record(Finding finding) {
        Tally t = tallies.computeIfAbsent(finding.kind(), k -> new Tally());
        t.found++;
        if (finding.outcome() == Outcome.REPAIRED) {
            t.repaired++;
        } else if (finding.outcome() == Outcome.RESOLVED) {
            t.resolved++;
        }
        List<Finding> shown = finding.outcome() == Outcome.NOT_REPAIRED || finding.outcome() == Outcome.FOUND ? t.left : t.others;
        if (shown.size() < AuditReport.EXAMPLES) {
            shown.add(finding);
        }
    }

    /** A script ran that handled {@code items} keys, entries or fixes. */
    void step(long items) {
        scripts++;
        largestStep = Math.max(largestStep, items);
    }

    void objects(long n) {
        objects += n;
    }

    void entries(long n) {
        entries += n;
    }

    AuditReport report() {
        List<ProblemCount> counts = new ArrayList<>();
        tallies.forEach((kind, t) -> {
            List<Finding> examples = new ArrayList<>(t.left);
            for (Finding f : t.others) {
                if (examples.size() < AuditReport.EXAMPLES) {
                    examples.add(f);
                }
            }
            counts.add(new ProblemCount(kind, t.found, t.repaired, t.resolved, examples));
        });
        return new AuditReport(model, repair, objects, entries, counts, scripts, largestStep,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static final class Tally {
        long found;
        long repaired;
        long resolved;
        /** Examples left as they are (every one of an audit), shown first. */
        final List<Finding> left = new ArrayList<>();
        final List<Finding> others = new ArrayList<>();
    }
}
