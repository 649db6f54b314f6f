package dev.redao.processor.model;

/** The id types a model can have, and who assigns a missing id. */
public enum IdKind {
    LONG("LONG", true, Long.toString(Long.MAX_VALUE)),
    INTEGER("INTEGER", true, Integer.toString(Integer.MAX_VALUE)),
    STRING("STRING", false, ""),
    UUID("UUID_TYPE", false, "");

    private final String runtimeConstant;
    private final boolean assignedByServer;
    private final String largestAssigned;

    IdKind(String runtimeConstant, boolean assignedByServer, String largestAssigned) {
        this.runtimeConstant = runtimeConstant;
        this.assignedByServer = assignedByServer;
        this.largestAssigned = largestAssigned;
    }

    /** The largest id the server may assign, as decimal text; empty for ids it does not assign. */
    public String largestAssigned() {
        return largestAssigned;
    }

    /** The name of the matching constant in the runtime's {@code IdType}. */
    public String runtimeConstant() {
        return runtimeConstant;
    }

    public boolean assignedByServer() {
        return assignedByServer;
    }

    /** Whether ids of this kind sort as text (strings, UUIDs) rather than as numbers. */
    public boolean alphabetic() {
        return this == STRING || this == UUID;
    }
}
