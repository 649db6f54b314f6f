package dev.redao.annotations;

/** What deleting a referenced object does to the objects that reference it ({@link References#onDelete()}). */
public enum OnDelete {
    /** They are deleted too, in the same script, and so on recursively. */
    CASCADE,
    /** Their reference is cleared (the field becomes null) and its index entry removed, in the same script. */
    SET_NULL,
    /** The delete is refused with a {@code ReferencedObjectException} while any of them exists; nothing is written. */
    RESTRICT,
    /** Nothing happens to them: the reference dangles, and loads as null through {@code loadRelated}. */
    KEEP
}
