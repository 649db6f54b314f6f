package dev.redao.dictionary;

import dev.redao.runtime.RedaoException;

/**
 * A call names a system, key or value that the dictionary does not hold. Nothing was written.
 * The subclass says which of the three: {@link UnknownSystemException}, {@link
 * UnknownKeyException}, {@link UnknownValueException}. Not retryable: define the entry first.
 */
public abstract class UnknownEntryException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String system;

    UnknownEntryException(String system, String message) {
        super(message);
        this.system = system;
    }

    /** {@return the system the call named} */
    public String system() {
        return system;
    }
}
