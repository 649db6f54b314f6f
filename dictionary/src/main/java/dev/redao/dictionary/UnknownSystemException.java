package dev.redao.dictionary;

/** The dictionary has no system of the name a call gave. Nothing was written. */
public final class UnknownSystemException extends UnknownEntryException {
    private static final long serialVersionUID = 1L;

    UnknownSystemException(String system) {
        super(system, "the dictionary has no system '" + system + "'");
    }
}
