package dev.redao.runtime;

import java.nio.charset.StandardCharsets;

/**
 * A stored field of a model, as a query can name it: to load only some fields
 * ({@link Query#loadOnly}). Subclasses add what the field's index allows.
 *
 * @param <M> the model
 */
public class Field<M> {
    private final String name;
    final int position;

    /** @param position the field's place in the model's stored fields (the id is 0) */
    public Field(String name, int position) {
        this.name = name;
        this.position = position;
    }

    public String name() {
        return name;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] number(long n) {
        return Codecs.encode(n);
    }

    @Override
    public String toString() {
        return name;
    }
}
