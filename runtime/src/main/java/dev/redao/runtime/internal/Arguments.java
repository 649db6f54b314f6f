package dev.redao.runtime.internal;

import dev.redao.runtime.InvalidArgumentException;
import java.util.Collection;

/**
 * The checks of arguments that every public call makes before it sends anything, so that a
 * mistake is an {@link InvalidArgumentException} naming the call and the argument rather than a
 * bare {@code NullPointerException} from somewhere inside.
 */
public final class Arguments {
    private Arguments() {}

    /**
     * {@code value}, or an {@link InvalidArgumentException} when it is null.
     *
     * @param where the call as the message names it, e.g. {@code get of model 'member'}
     */
    public static <V> V requireNonNull(V value, String argument, String where) {
        return requireNonNull(value, argument, where, null);
    }

    /** As {@link #requireNonNull(Object, String, String)}, the message saying {@code why} null cannot be. */
    public static <V> V requireNonNull(V value, String argument, String where, String why) {
        if (value == null) {
            throw isNull(argument, where, why);
        }
        return value;
    }

    /**
     * {@code values}, or an {@link InvalidArgumentException} when it is null or holds a null,
     * which the message names by its place ({@code ids[1]}).
     */
    public static <C extends Collection<?>> C requireNoNulls(C values, String argument, String where) {
        return requireNoNulls(values, argument, where, null);
    }

    /** As {@link #requireNoNulls(Collection, String, String)}, the message saying {@code why} null cannot be. */
    public static <C extends Collection<?>> C requireNoNulls(C values, String argument, String where, String why) {
        requireNonNull(values, argument, where);
        int i = 0;
        for (Object v : values) { // not contains(null): List.of(...) throws on that
            if (v == null) {
                throw isNull(argument + "[" + i + "]", where, why);
            }
            i++;
        }
        return values;
    }

    /** As {@link #requireNoNulls(Collection, String, String)} for an array (a varargs argument). */
    public static <V> V[] requireNoNulls(V[] values, String argument, String where) {
        return requireNoNulls(values, argument, where, null);
    }

    /** As {@link #requireNoNulls(Object[], String, String)}, the message saying {@code why} null cannot be. */
    public static <V> V[] requireNoNulls(V[] values, String argument, String where, String why) {
        requireNonNull(values, argument, where);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw isNull(argument + "[" + i + "]", where, why);
            }
        }
        return values;
    }

    /** The error of a null {@code argument}, for a caller that checks it itself (see {@link #requireNonNull(Object, String, String)}). */
    public static InvalidArgumentException nullArgument(String argument, String where) {
        return isNull(argument, where, null);
    }

    private static InvalidArgumentException isNull(String argument, String where, String why) {
        return new InvalidArgumentException(argument, where + ": " + argument + " is null" + (why == null ? "" : " (" + why + ")"));
    }
}
