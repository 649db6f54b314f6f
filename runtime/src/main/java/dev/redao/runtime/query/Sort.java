package dev.redao.runtime.query;

/**
 * An order for a query's results, made by a field handle: {@code UserQuery.age.desc()}.
 * Objects whose field is null come last, in id order; equal values are ordered by id.
 *
 * @param <M> the model
 */
public final class Sort<M> {
    final char mode;
    final int position;
    final boolean descending;
    final boolean alphabetic;

    Sort(char mode, int position, boolean descending, boolean alphabetic) {
        this.mode = mode;
        this.position = position;
        this.descending = descending;
        this.alphabetic = alphabetic;
    }
}
