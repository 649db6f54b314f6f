package dev.redao.runtime.query;

import dev.redao.runtime.internal.Codecs;

/**
 * An {@code @Indexed} String field: equality and {@code in} through its value sets, and
 * {@code contains} / {@code endsWith}, which the script evaluates by reading the field of every
 * candidate (a scan: cheap after selective filters, costly on a whole large model). A field with
 * {@code @Indexed(prefix = true)} has a {@link PrefixStringField}, which adds {@code startsWith}.
 *
 * @param <M> the model
 */
public class StringField<M> extends EqualityField<M, String> {

    /**
     * For generated code: a {@code <Model>Query} declares one handle per field.
     *
     * @param name the field's name
     * @param position the field's position in the model's description
     */
    public StringField(String name, int position) {
        super(name, position, true, Codecs::encode);
    }

    /**
     * Objects whose field contains {@code text} as plain text (no patterns). Scans the candidates.
     *
     * @param text the text; never null
     * @return the condition
     */
    public Condition<M> contains(String text) {
        return new Condition<>(new Node.Scan(name(), 'c', utf8(requireValue(text, "text", "contains"), "text", "contains")));
    }

    /**
     * Objects whose field ends with {@code suffix}. Scans the candidates.
     *
     * @param suffix the suffix; never null
     * @return the condition
     */
    public Condition<M> endsWith(String suffix) {
        return new Condition<>(new Node.Scan(name(), 'e', utf8(requireValue(suffix, "suffix", "endsWith"), "suffix", "endsWith")));
    }
}
