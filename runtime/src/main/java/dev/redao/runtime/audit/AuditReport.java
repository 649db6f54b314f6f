package dev.redao.runtime.audit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link dev.redao.runtime.ModelDao#audit()} or {@link dev.redao.runtime.ModelDao#repair()}
 * found in one model's keys, and for a repair what it fixed.
 *
 * @param model the model's name
 * @param repair whether this is a repair's report (else an audit's, which changed nothing)
 * @param objects object hashes checked
 * @param entries index, unique and id-set entries checked from their own side (each object's
 *     entries are checked with the object too)
 * @param problems a count per kind of problem found, in the order of {@link ProblemKind}; kinds
 *     not found are left out
 * @param scripts how many scripts the audit ran, each a bounded step
 * @param largestStep the most keys, entries or fixes one script handled
 * @param elapsed how long the whole audit took
 */
public record AuditReport(String model, boolean repair, long objects, long entries, List<ProblemCount> problems,
                          long scripts, long largestStep, Duration elapsed) {
    /** How many examples a {@link ProblemCount} keeps. */
    public static final int EXAMPLES = 5;

    /**
     * A report.
     *
     * @param model the model
     * @param repair whether a repair made it
     * @param objects objects checked
     * @param entries entries checked
     * @param problems counts per kind
     * @param scripts scripts run
     * @param largestStep the largest step
     * @param elapsed the time taken
     */
    public AuditReport {
        Objects.requireNonNull(model, "model");
        problems = List.copyOf(problems);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** {@return whether no problem was found} */
    public boolean isClean() {
        return problems.isEmpty();
    }

    /** {@return how many problems were found, of every kind} */
    public long totalFound() {
        return problems.stream().mapToLong(ProblemCount::found).sum();
    }

    /** {@return how many problems are left as far as the repair knows (for an audit: every one found)} */
    public long totalNotRepaired() {
        return problems.stream().mapToLong(ProblemCount::notRepaired).sum();
    }

    /**
     * {@return the count of one kind; zeros and no examples when none was found}
     *
     * @param kind the kind
     */
    public ProblemCount count(ProblemKind kind) {
        return problems.stream().filter(p -> p.kind() == kind).findFirst()
                .orElseGet(() -> new ProblemCount(kind, 0, 0, 0, List.of()));
    }

    /**
     * {@return how many problems of one kind were found}
     *
     * @param kind the kind
     */
    public long found(ProblemKind kind) {
        return count(kind).found();
    }

    /**
     * {@return how many problems of one kind the repair fixed}
     *
     * @param kind the kind
     */
    public long repaired(ProblemKind kind) {
        return count(kind).repaired();
    }

    /**
     * {@return a few problems of one kind}
     *
     * @param kind the kind
     */
    public List<Finding> examples(ProblemKind kind) {
        return count(kind).examples();
    }

    /** {@return one line for the whole, then one per kind and per example} */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder().append(repair ? "repair" : "audit").append(" of model '").append(model)
                .append("': ").append(objects).append(" objects, ").append(entries).append(" entries, ").append(scripts)
                .append(" scripts (largest step ").append(largestStep).append("), ").append(elapsed.toMillis()).append(" ms: ");
        if (problems.isEmpty()) {
            return out.append("no problem").toString();
        }
        out.append(totalFound()).append(totalFound() == 1 ? " problem" : " problems");
        for (ProblemCount p : problems) {
            out.append("\n  ").append(p.kind()).append(": ").append(p.found()).append(" found");
            if (repair) {
                out.append(", ").append(p.repaired()).append(" repaired, ").append(p.resolved()).append(" resolved, ")
                        .append(p.notRepaired()).append(" left");
            }
            for (Finding f : p.examples()) {
                out.append("\n    ").append(f);
            }
        }
        return out.toString();
    }
}
