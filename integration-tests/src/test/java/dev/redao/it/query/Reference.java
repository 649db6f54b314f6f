package dev.redao.it.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * What a query must return, worked out in plain Java: the order rules of the query script and
 * paging.
 *
 * <p>Order rules, as implemented (and checked by {@code QueryVerbsTest}): objects with a value
 * come first, ordered by value and then by id; descending is the exact reverse of ascending on
 * (value, id). Objects without a value come last, in ascending id order. Ids compare as numbers
 * for a numeric id, except between equal values of a sorted-set index, where Redis orders members
 * of equal score by their bytes ("10" before "9").
 */
final class Reference {
    private Reference() {}

    /** Byte order of the UTF-8 encodings, as Redis and Lua (in the C locale) compare strings. */
    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static final Comparator<String> UTF8 = Reference::compareUtf8;
    static final Comparator<String> NUMERIC = Comparator.comparingLong(Long::parseLong);

    /**
     * @param ties how ids of equal values compare
     * @param nullIds how ids of objects without a value compare
     */
    static <T, V> List<T> sorted(Collection<T> objects, Function<T, V> value, Comparator<? super V> order,
            boolean descending, Function<T, String> id, Comparator<String> ties, Comparator<String> nullIds) {
        List<T> with = new ArrayList<>();
        List<T> without = new ArrayList<>();
        for (T o : objects) {
            if (value.apply(o) == null) {
                without.add(o);
            } else {
                with.add(o);
            }
        }
        Comparator<T> asc = Comparator.<T, V>comparing(value, order).thenComparing(id, ties);
        with.sort(descending ? asc.reversed() : asc);
        without.sort(Comparator.comparing(id, nullIds));
        List<T> out = new ArrayList<>(with);
        out.addAll(without);
        return out;
    }

    /** Objects in id order. */
    static <T> List<T> byId(Collection<T> objects, Function<T, String> id, Comparator<String> ids) {
        List<T> out = new ArrayList<>(objects);
        out.sort(Comparator.comparing(id, ids));
        return out;
    }

    /** {@code limit < 0}: no limit. */
    static <T> List<T> page(List<T> ordered, int offset, int limit) {
        int from = Math.min(offset, ordered.size());
        int to = limit < 0 ? ordered.size() : (int) Math.min(ordered.size(), (long) from + limit);
        return new ArrayList<>(ordered.subList(from, to));
    }
}
