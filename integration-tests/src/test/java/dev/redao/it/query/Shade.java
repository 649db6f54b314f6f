package dev.redao.it.query;

/** Declared out of alphabetical order, so that sorting by name and by ordinal differ. */
public enum Shade {
    VIOLET, BLUE, GREEN, AMBER, RED
}
