package dev.redao.runtime.audit;

/**
 * A kind of problem {@link dev.redao.runtime.ModelDao#audit()} finds in a model's keys (the key
 * layout of docs/design.md), and whether {@link dev.redao.runtime.ModelDao#repair()} can fix it.
 * Repair changes only what Redao derives from objects (index, unique and id-set entries, the time
 * to live of temporary keys), never an object's own fields.
 */
public enum ProblemKind {
    /**
     * A set, sorted, compound or lex index entry that names an id which is not a live object, or
     * an object whose value is not the entry's (for a compound index: whose first field has
     * another value or none, or whose second field has none). Repaired: the entry goes.
     */
    STALE_INDEX_ENTRY(true),
    /** A live object missing from the index entry of one of its values. Repaired: the entry is added. */
    MISSING_INDEX_ENTRY(true),
    /**
     * An index entry with the wrong score: a sorted or compound index's or an ordered model's id
     * set's score that is not the one a save gives the value, or a lex entry not at score 0. Repaired: the
     * score is set.
     */
    WRONG_INDEX_SCORE(true),
    /**
     * A unique entry ({@code uni:<field>}) naming an id which is not a live object, or an object
     * that does not hold the value. Repaired: the entry goes.
     */
    STALE_UNIQUE_ENTRY(true),
    /**
     * A live object's unique value without the entry naming it (none, or one naming an object that
     * does not hold the value). Repaired: the entry names the object, unless another live object
     * holds the value (then it is a {@link #DUPLICATE_UNIQUE_VALUE}).
     */
    MISSING_UNIQUE_ENTRY(true),
    /**
     * Two live objects hold one unique value. Not repaired: the entry keeps naming the object it
     * names; which object should give the value up is the application's call. The finding's id
     * names both, the entry's holder first.
     */
    DUPLICATE_UNIQUE_VALUE(false),
    /**
     * An object hash whose id is not in the id set: {@code get} finds it, queries and
     * {@code count} do not. Repaired: the id joins the id set with the object's index and unique
     * entries, unless one of its unique values is held by another object.
     */
    OBJECT_NOT_IN_ID_SET(true),
    /** An id in the id set without an object hash. Repaired: the id leaves the id set. */
    ID_WITHOUT_OBJECT(true),
    /**
     * A temporary key of an all-or-nothing batch ({@code tmp:*}, {@code claim:*}) without a time
     * to live, which would stay forever. Repaired: it expires a minute later.
     */
    TEMPORARY_KEY_WITHOUT_TTL(true),
    /**
     * A key of an index, a unique hash or deadlines the model no longer has: the field was
     * {@code @Indexed}, {@code @Unique} or {@code @Indexed(prefix = true)}, a pair of fields had a
     * compound index ({@code @Model(indexes)}), a structure field ({@code st:} keys) was removed,
     * or the model was expiring, when it was written. No write of the model reads or writes it any
     * more. Repaired by deleting it with {@code UNLINK}, which frees its memory in the background.
     */
    UNUSED_INDEX_KEY(true),
    /**
     * The key of a structure field ({@code st:<field>:<id>}, docs/structures.md) whose object does
     * not exist: a structure goes with its object, so it was left by a hand-written write or a
     * write of an older Redao. Repaired by deleting it, only if the object still does not exist.
     */
    ORPHAN_STRUCTURE(true),
    /**
     * A partitioned model's claim on a unique value left by a write that stopped part-way, past
     * its deadline. Repaired as the next writer of the value would: it becomes the value's entry
     * if its object has the value, else it goes.
     */
    LEFT_CLAIM(true),
    /** A stored field the model's codec refuses. Not repaired: reported with the key and field. */
    UNDECODABLE_VALUE(false),
    /**
     * An object hash whose id field names another id, or is missing while the hash holds fields
     * of the model (docs/design.md, "Corrupt data"). Not repaired: deleting the object removes it.
     */
    CORRUPT_OBJECT(false),
    /** A key of the model that holds the wrong type of value. Not repaired. */
    WRONG_TYPE(false),
    /**
     * A partitioned model's object, or unique entry, in another partition than its id's (or its
     * value's). An object is not moved; an entry in the wrong partition, which no one reads, goes.
     */
    WRONG_PARTITION(false);

    private final boolean repairable;

    ProblemKind(boolean repairable) {
        this.repairable = repairable;
    }

    /**
     * {@return whether {@link dev.redao.runtime.ModelDao#repair()} fixes problems of this kind
     * (some of them may still be left: a missing unique entry whose value another object holds,
     * say, which the finding then says)}
     */
    public boolean repairable() {
        return repairable;
    }
}
