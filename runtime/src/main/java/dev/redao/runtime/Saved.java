package dev.redao.runtime;

import dev.redao.runtime.internal.ModelWrites;

/**
 * An object saved in a {@link Transaction}: {@link #get()} returns it with its id (and version)
 * once the transaction has committed.
 *
 * @param <T> the model
 */
public final class Saved<T> {
    private final ModelWrites<T, ?> writes;
    private final int index;

    Saved(ModelWrites<T, ?> writes, int index) {
        this.writes = writes;
        this.index = index;
    }

    ModelWrites<T, ?> writes() {
        return writes;
    }

    /** Its place among the saves of its model in the transaction, from 0. */
    int index() {
        return index;
    }

    /**
     * The saved object: with the id the server assigned, if it had none, and its new version.
     *
     * @return the saved object
     * @throws IllegalStateException before the transaction has committed, or if it failed
     */
    public T get() {
        if (writes.saved() == null) {
            throw new IllegalStateException("the transaction has not committed");
        }
        return writes.saved().get(index);
    }
}
