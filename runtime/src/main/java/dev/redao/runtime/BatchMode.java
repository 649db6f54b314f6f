package dev.redao.runtime;

/** How {@link ModelDao#saveAll(java.util.Collection, BatchMode)} treats a batch larger than one script. */
public enum BatchMode {
    /**
     * Scripts of at most {@link ModelDao#BATCH_SIZE} objects, each all or nothing; a refusal stops
     * the batch, and the scripts before it stay written ({@link PartialBatchException}).
     */
    CHUNKED,
    /**
     * Every unique value of the batch is claimed first, then the objects are written: a unique
     * conflict anywhere writes no object. Other writers see the claimed values as taken while the
     * batch runs.
     */
    ALL_OR_NOTHING
}
