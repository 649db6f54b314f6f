package dev.redao.processor.model;

/** The id types a model can have, and who assigns a missing id. */
public enum IdKind {
    LONG("LONG", true),
    INTEGER("INTEGER", true),
    STRING("STRING", false),
    UUID("UUID_TYPE", false);

    private final String runtimeConstant;
    private final boolean assignedByServer;

    IdKind(String runtimeConstant, boolean assignedByServer) {
        this.runtimeConstant = runtimeConstant;
        this.assignedByServer = assignedByServer;
    }

    /** The name of the matching constant in the runtime's {@code IdType}. */
    public String runtimeConstant() {
        return runtimeConstant;
    }

    public boolean assignedByServer() {
        return assignedByServer;
    }
}
