package dev.redao.runtime.audit;

import java.util.List;
import java.util.Objects;

/**
 * The problems of one kind that an audit or a repair found.
 *
 * @param kind what is wrong
 * @param found how many were found (a key that SCAN returned twice, as it may while Redis
 *     resizes its table, is counted twice)
 * @param repaired how many the repair fixed; 0 for an audit
 * @param resolved how many a concurrent write fixed or replaced before the repair got to them
 * @param examples a few of them (at most {@link AuditReport#EXAMPLES}), those left unrepaired first
 */
public record ProblemCount(ProblemKind kind, long found, long repaired, long resolved, List<Finding> examples) {

    /**
     * A count.
     *
     * @param kind the kind
     * @param found how many were found
     * @param repaired how many were fixed
     * @param resolved how many went away by themselves
     * @param examples a few of them
     */
    public ProblemCount {
        Objects.requireNonNull(kind, "kind");
        examples = List.copyOf(examples);
    }

    /** {@return how many are still there as far as the repair knows: found, less repaired and resolved} */
    public long notRepaired() {
        return found - repaired - resolved;
    }
}
