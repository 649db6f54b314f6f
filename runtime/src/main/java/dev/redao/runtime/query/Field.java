package dev.redao.runtime.query;

import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.internal.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A stored field of a model, as a query can name it: to load only some fields
 * ({@link Query#loadOnly}). Subclasses add what the field's index allows.
 *
 * @param <M> the model
 */
public class Field<M> {
    private final String name;
    final int position;

    /**
     * @param position the field's place in the model's stored fields (the id is 0)
     * @param name the field's name
     */
    public Field(String name, int position) {
        this.name = name;
        this.position = position;
    }

    /** {@return the field's name, as the model declares it} */
    public String name() {
        return name;
    }

    /** Text Redao wrote itself (names, operations): always has a UTF-8 form. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Text of the caller's, refused naming this field, the call and the argument when it has no UTF-8 form. */
    final byte[] utf8(String text, String argument, String method) {
        return Codecs.utf8(text, argument, call(method));
    }

    static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    static byte[] number(long n) {
        return Codecs.encode(n);
    }

    /** A call on this field as messages name it: {@code startsWith on field 'country'}. */
    final String call(String method) {
        return method + " on field '" + name + "'";
    }

    /**
     * A lookup of one or more values in an index, as the query script's tokens: the operation,
     * the field's name (none for the id), the number of values, the values. No value gives an
     * empty condition, which costs no round trip. The caller has refused nulls, naming them; a
     * value the encoder refuses (text without a UTF-8 form) is named here.
     *
     * @param method the caller, for messages: {@code eq} names its one value {@code argument},
     *     {@code in} each value {@code argument[i]}
     */
    final <V> Condition<M> lookup(String operation, boolean withPosition, Collection<? extends V> values,
                                  Function<? super V, byte[]> encoder, String method, String argument) {
        if (values.isEmpty()) {
            return new Condition<>(Node.EMPTY);
        }
        List<byte[]> tokens = new ArrayList<>(values.size() + 3);
        tokens.add(utf8(operation));
        if (withPosition) {
            tokens.add(utf8(name));
        }
        tokens.add(number(values.size()));
        int i = 0;
        for (V v : values) {
            try {
                tokens.add(encoder.apply(v));
            } catch (InvalidArgumentException e) {
                String named = method.equals("eq") ? argument : argument + "[" + i + "]";
                throw new InvalidArgumentException(named, call(method) + ": " + named + " is " + e.getMessage());
            }
            i++;
        }
        return new Condition<>(new Node.Leaf(tokens));
    }

    @Override
    public String toString() {
        return name;
    }
}
