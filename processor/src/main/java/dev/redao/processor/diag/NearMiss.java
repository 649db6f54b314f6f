package dev.redao.processor.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The known name an unknown one most likely was meant to be, for a message's "Did you mean ...?".
 * A name is a likely slip of another when it differs in at most a third of its letters, case
 * aside: {@code createdAt} for {@code created}, {@code Custmer} for {@code Customer}.
 */
public final class NearMiss {
    private NearMiss() {}

    /**
     * The closest of {@code candidates} to the unknown {@code name}, the first of equally close
     * ones; empty if none is close.
     */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        return closest(name, candidates, Function.identity());
    }

    /**
     * The candidate whose {@code key} is closest to {@code name}: for instance the qualified name of
     * the model whose simple name is closest.
     */
    public static Optional<String> closest(String name, Collection<String> candidates, Function<String, String> key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String compared = key.apply(candidate);
            int d = distance(name, compared);
            if (d < bestDistance && d <= Math.max(1, Math.max(name.length(), compared.length()) / 3)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The Levenshtein distance, case aside: how many letters to insert, delete or replace. */
    static int distance(String a, String b) {
        String s = a.toLowerCase(Locale.ROOT);
        String t = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[t.length() + 1];
        int[] current = new int[t.length() + 1];
        for (int j = 0; j <= t.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= t.length(); j++) {
                int replace = previous[j - 1] + (s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[t.length()];
    }
}
