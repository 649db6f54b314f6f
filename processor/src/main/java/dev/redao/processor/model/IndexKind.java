package dev.redao.processor.model;

/** The index structure of a field, as laid out in docs/design.md. */
public enum IndexKind {
    /** Not indexed. */
    NONE,
    /** {@code idx:<field>:<value>}: one set of ids per value. */
    SET,
    /** {@code idx:<field>}: one sorted set of ids, scored by value. */
    SORTED
}
