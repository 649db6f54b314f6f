package dev.redao.runtime;

import java.util.List;

/**
 * An {@code @Indexed} String field: equality and {@code in} through its value sets,
 * {@code startsWith} through its lexicographic index, and {@code contains} / {@code endsWith},
 * which the script evaluates by reading the field of every candidate (a scan: cheap after
 * selective filters, costly on a whole large model).
 *
 * @param <M> the model
 */
public final class StringField<M> extends EqualityField<M, String> {

    public StringField(String name, int position) {
        super(name, position, true, Codecs::encode);
    }

    /** Objects whose field starts with {@code prefix} (byte-wise, case-sensitive). */
    public Condition<M> startsWith(String prefix) {
        requireValue(prefix);
        return new Condition<>(new Node.Leaf(List.of(utf8("P"), utf8(name()), utf8(prefix))));
    }

    /** Objects whose field contains {@code text} as plain text (no patterns). Scans the candidates. */
    public Condition<M> contains(String text) {
        return new Condition<>(new Node.Scan(name(), 'c', utf8(requireValue(text))));
    }

    /** Objects whose field ends with {@code suffix}. Scans the candidates. */
    public Condition<M> endsWith(String suffix) {
        return new Condition<>(new Node.Scan(name(), 'e', utf8(requireValue(suffix))));
    }
}
