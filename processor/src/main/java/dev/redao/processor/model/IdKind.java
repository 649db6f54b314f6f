package dev.redao.processor.model;

/** The id types a model can have, and who assigns a missing id. */
public enum IdKind {
    LONG("longIds", true, Long.toString(Long.MAX_VALUE)),
    INTEGER("intIds", true, Integer.toString(Integer.MAX_VALUE)),
    STRING("stringIds", false, ""),
    UUID("uuidIds", false, "");

    private final String schemaFactory;
    private final boolean assignedByServer;
    private final String largestAssigned;

    IdKind(String schemaFactory, boolean assignedByServer, String largestAssigned) {
        this.schemaFactory = schemaFactory;
        this.assignedByServer = assignedByServer;
        this.largestAssigned = largestAssigned;
    }

    /** The largest id the server may assign, as decimal text; empty for ids it does not assign. */
    public String largestAssigned() {
        return largestAssigned;
    }

    /** The runtime's {@code ModelSchema} factory for a model with ids of this kind. */
    public String schemaFactory() {
        return schemaFactory;
    }

    public boolean assignedByServer() {
        return assignedByServer;
    }

    /** Whether ids of this kind sort as text (strings, UUIDs) rather than as numbers. */
    public boolean alphabetic() {
        return this == STRING || this == UUID;
    }
}
