package dev.redao.dictionary;

import dev.redao.runtime.RedaoException;

/**
 * A link would give a value a second translation into the same target key: each value translates
 * to at most one value of a key. Nothing of the call was written. Not retryable: unlink the value
 * first, or link it to the value it already has.
 */
public final class AlreadyLinkedException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String fromSystem;
    private final String fromKey;
    private final String fromValue;
    private final String toSystem;
    private final String toKey;
    private final String linkedValue;

    AlreadyLinkedException(String fromSystem, String fromKey, String fromValue, String toSystem, String toKey,
            String linkedValue, Throwable cause) {
        super("value '" + fromValue + "' of key '" + fromKey + "' of system '" + fromSystem + "' is linked to value '"
                + linkedValue + "' of key '" + toKey + "' of system '" + toSystem
                + "' already; unlink it first to link it to another value of that key", cause);
        this.fromSystem = fromSystem;
        this.fromKey = fromKey;
        this.fromValue = fromValue;
        this.toSystem = toSystem;
        this.toKey = toKey;
        this.linkedValue = linkedValue;
    }

    /** {@return the system of the value that is linked} */
    public String fromSystem() {
        return fromSystem;
    }

    /** {@return the key of the value that is linked} */
    public String fromKey() {
        return fromKey;
    }

    /** {@return the value that is linked} */
    public String fromValue() {
        return fromValue;
    }

    /** {@return the system the value translates into} */
    public String toSystem() {
        return toSystem;
    }

    /** {@return the key the value translates into} */
    public String toKey() {
        return toKey;
    }

    /** {@return the value of the target key that the value is linked to} */
    public String linkedValue() {
        return linkedValue;
    }
}
