package dev.redao.runtime;

import dev.redao.runtime.audit.AuditReport;

/**
 * A re-index ({@link SchemaChanges#REINDEX} on a DAO's first call) left problems it cannot fix,
 * such as two objects that hold the value of a field that became {@code @Unique}: the report names
 * them. The DAO's schema is recorded all the same, and its next calls go on; the call that
 * re-indexed was not made. Change one of the objects that share a value, then run
 * {@code dao.repair()} again (docs/schema.md).
 */
public class ReindexIncompleteException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final transient AuditReport report;

    /**
     * A re-index that left problems.
     *
     * @param report the re-index's report
     * @param version the schema version recorded
     */
    public ReindexIncompleteException(AuditReport report, long version) {
        super("the re-index of model '" + report.model() + "' recorded its schema as version " + version + " but left "
                + report.totalNotRepaired() + " problem(s) it cannot fix; the call that re-indexed was not made, and the"
                + " next ones will be: " + report);
        this.report = report;
    }

    /** {@return the re-index's report, with the problems left} */
    public AuditReport report() {
        return report;
    }
}
