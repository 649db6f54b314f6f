package dev.redao.runtime.query;

/**
 * A field that results can be sorted by. A field with a sorted-set index sorts through it; any
 * other scalar field is sorted inside the query script by its stored value, alphabetically for
 * text and numerically for numbers.
 *
 * @param <M> the model
 */
public class SortableField<M> extends Field<M> {
    private final char mode;
    private final boolean alphabetic;

    SortableField(String name, int position, char mode, boolean alphabetic) {
        super(name, position);
        this.mode = mode;
        this.alphabetic = alphabetic;
    }

    /**
     * A stored field without a sorted index: sorted by value in the script.
     *
     * @param name the field's name
     * @param position the field's position in the model's description
     * @param alphabetic whether the field sorts as text rather than as a number
     */
    public SortableField(String name, int position, boolean alphabetic) {
        this(name, position, 's', alphabetic);
    }

    /** {@return the order of this field, lowest first} */
    public Sort<M> asc() {
        return new Sort<>(mode, position, false, alphabetic);
    }

    /** {@return the order of this field, highest first} */
    public Sort<M> desc() {
        return new Sort<>(mode, position, true, alphabetic);
    }
}
