package dev.redao.runtime.messaging;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One committed write of a model with {@code @Model(events = true)}, as its save or delete script
 * published it on the channel {@code {<namespace>:<model>}:events}.
 *
 * @param kind what happened to the object
 * @param id the object's id
 * @param fields for a save, the stored fields whose value changed (every present field of a new
 *     object; none when the object was saved unchanged); for a delete, the fields the object had.
 *     The id is not listed. In the model's field order.
 * @param <ID> the model's id type
 */
public record ChangeEvent<ID>(Kind kind, ID id, Set<String> fields) {

    /** What happened to the object. */
    public enum Kind {
        /** The object was saved: created or changed. */
        SAVED,
        /** The object was deleted. */
        DELETED
    }

    /**
     * Checks that the kind and the id are there, and keeps the fields in their order, unmodifiable.
     *
     * @param kind what happened to the object
     * @param id the object's id
     * @param fields the fields the event names
     */
    public ChangeEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        fields = Collections.unmodifiableSet(new LinkedHashSet<>(fields));
    }
}
