package dev.redao.runtime.structure;

import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.internal.Codecs;
import dev.redao.runtime.internal.ElementCodec;
import dev.redao.runtime.internal.StructureAccess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What every structure field's handle shares: its object's structure, and how arguments are encoded. */
public abstract sealed class Structure permits RedisList, RedisSet, RedisSortedSet, RedisMap, TimeSeries {
    final StructureAccess access;

    Structure(StructureAccess access) {
        this.access = access;
    }

    /** The structure's Redis key: {@code <base>:st:<field>:<id>}, in the object's hash tag. */
    public String key() {
        return access.key();
    }

    /** Removes the whole structure (it reads as empty after); the object stays. */
    public void clear() {
        access.write("DEL", List.of());
    }

    final <E> List<byte[]> encodeAll(ElementCodec<E> codec, E[] elements, String method) {
        if (elements == null || elements.length == 0) {
            throw new InvalidArgumentException("elements",
                    access.call(method) + " needs at least one element");
        }
        List<byte[]> out = new ArrayList<>(elements.length);
        for (E e : elements) {
            out.add(access.encode(codec, e, "elements", method));
        }
        return out;
    }

    static byte[] number(long n) {
        return Codecs.encode(n);
    }

    /** A score or bound as Redis reads it: {@code -inf} and {@code +inf} for the infinities. */
    static byte[] score(double n, String argument, String call) {
        if (Double.isNaN(n)) {
            throw new InvalidArgumentException(argument, call + ": " + argument + " is NaN, which orders nowhere");
        }
        return Double.isInfinite(n) ? Codecs.encode(n > 0 ? "+inf" : "-inf") : Codecs.encode(n);
    }

    /** A score as Redis replies it ({@code inf} and {@code -inf} included). */
    static double parsedScore(Object raw) {
        String text = new String((byte[]) raw, StandardCharsets.UTF_8);
        return switch (text) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + key() + "]";
    }
}
