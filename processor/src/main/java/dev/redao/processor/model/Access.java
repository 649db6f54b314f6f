package dev.redao.processor.model;

/**
 * How generated code reads or writes one field of a model: {@code o.email()} on a record,
 * {@code o.getEmail()} / {@code o.setEmail(v)} through accessors, or {@code o.email} directly.
 */
public record Access(Kind kind, String name) {
    public enum Kind {
        /** Read through a method without parameters (record accessor or getter). */
        METHOD,
        /** Read or written through the field itself. */
        FIELD,
        /** Written through a one-parameter method. */
        SETTER,
        /** Written through the record's canonical constructor. */
        CONSTRUCTOR
    }

    public static Access method(String name) {
        return new Access(Kind.METHOD, name);
    }

    public static Access field(String name) {
        return new Access(Kind.FIELD, name);
    }

    public static Access setter(String name) {
        return new Access(Kind.SETTER, name);
    }

    public static Access constructor() {
        return new Access(Kind.CONSTRUCTOR, "");
    }
}
