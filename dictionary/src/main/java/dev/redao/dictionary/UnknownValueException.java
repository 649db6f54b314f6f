package dev.redao.dictionary;

/** The system and its key exist, but the key has no value a call gave. Nothing was written. */
public final class UnknownValueException extends UnknownEntryException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final String value;

    UnknownValueException(String system, String key, String value) {
        super(system, "key '" + key + "' of system '" + system + "' of the dictionary has no value '" + value + "'");
        this.key = key;
        this.value = value;
    }

    /** {@return the key the call named} */
    public String key() {
        return key;
    }

    /** {@return the value the call named} */
    public String value() {
        return value;
    }
}
