package dev.redao.processor.model;

/**
 * How a field's value is stored, and what indexes it can have. Ordered kinds (numbers, dates,
 * times) get a sorted-set index; the other scalars get one set per value; JSON and bytes get none.
 */
public enum ValueKind {
    STRING(IndexKind.SET, true),
    BOOLEAN(IndexKind.SET, true),
    CHAR(IndexKind.SET, true),
    ENUM(IndexKind.SET, true),
    UUID(IndexKind.SET, true),
    BYTE(IndexKind.SORTED, true),
    SHORT(IndexKind.SORTED, true),
    INT(IndexKind.SORTED, true),
    LONG(IndexKind.SORTED, true),
    FLOAT(IndexKind.SORTED, false),
    DOUBLE(IndexKind.SORTED, false),
    BIG_DECIMAL(IndexKind.SORTED, true),
    BIG_INTEGER(IndexKind.SORTED, true),
    INSTANT(IndexKind.SORTED, true),
    LOCAL_DATE(IndexKind.SORTED, true),
    LOCAL_DATE_TIME(IndexKind.SORTED, true),
    LOCAL_TIME(IndexKind.SORTED, true),
    DURATION(IndexKind.SORTED, true),
    BYTES(IndexKind.NONE, false),
    JSON(IndexKind.NONE, false);

    private final IndexKind index;
    private final boolean canBeUnique;

    ValueKind(IndexKind index, boolean canBeUnique) {
        this.index = index;
        this.canBeUnique = canBeUnique;
    }

    /** The index an {@code @Indexed} field of this kind gets; NONE if it cannot be indexed. */
    public IndexKind index() {
        return index;
    }

    public boolean canBeIndexed() {
        return index != IndexKind.NONE;
    }

    public boolean canBeUnique() {
        return canBeUnique;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT || this == DOUBLE;
    }
}
