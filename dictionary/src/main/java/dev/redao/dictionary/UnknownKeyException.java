package dev.redao.dictionary;

/** The system exists, but has no key of the name a call gave. Nothing was written. */
public final class UnknownKeyException extends UnknownEntryException {
    private static final long serialVersionUID = 1L;
    private final String key;

    UnknownKeyException(String system, String key) {
        super(system, "system '" + system + "' of the dictionary has no key '" + key + "'");
        this.key = key;
    }

    /** {@return the key the call named} */
    public String key() {
        return key;
    }
}
