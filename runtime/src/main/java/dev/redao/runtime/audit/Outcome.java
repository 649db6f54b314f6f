package dev.redao.runtime.audit;

/** What became of a problem: only found, or what {@link dev.redao.runtime.ModelDao#repair()} did with it. */
public enum Outcome {
    /** Found by {@link dev.redao.runtime.ModelDao#audit()}, which changes nothing. */
    FOUND,
    /** Fixed by the repair. */
    REPAIRED,
    /**
     * Gone before the repair's script got to it: another client's write fixed or replaced what was
     * wrong (the repair reads again what it fixes, and never undoes a write).
     */
    RESOLVED,
    /** Left as it is: not repairable, or its fix was refused; the finding's description says why. */
    NOT_REPAIRED
}
