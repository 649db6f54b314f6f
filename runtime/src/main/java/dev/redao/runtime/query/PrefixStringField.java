package dev.redao.runtime.query;

import java.util.List;

/**
 * An {@code @Indexed(prefix = true)} String field: what a {@link StringField} offers, and
 * {@code startsWith} through its lexicographic index <code>{base}:lex:&lt;field&gt;</code>.
 *
 * @param <M> the model
 */
public final class PrefixStringField<M> extends StringField<M> {

    /**
     * For generated code: a {@code <Model>Query} declares one handle per field.
     *
     * @param name the field's name
     * @param position the field's position in the model's description
     */
    public PrefixStringField(String name, int position) {
        super(name, position);
    }

    /**
     * Objects whose field starts with {@code prefix} (byte-wise, case-sensitive).
     *
     * @param prefix the prefix; never null
     * @return the condition
     */
    public Condition<M> startsWith(String prefix) {
        byte[] text = utf8(requireValue(prefix, "prefix", "startsWith"), "prefix", "startsWith");
        return new Condition<>(new Node.Leaf(List.of(utf8("P"), utf8(name()), text)));
    }
}
