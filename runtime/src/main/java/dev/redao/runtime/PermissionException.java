package dev.redao.runtime;

/**
 * The connection's ACL user may not run a command, or touch a key or channel, that the call needs
 * ({@code NOPERM}, or its wording inside a script). Not retryable: grant the user what the message
 * names, or connect as another. The data is as it was: a refused read changes nothing, and a
 * single-object write gives back what it wrote before the refusal.
 */
public class PermissionException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String address;
    private final String reason;

    public PermissionException(String address, String reason, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
        this.reason = reason;
    }

    /** The server, as {@code host:port}. */
    public String address() {
        return address;
    }

    /** The server's error text, which says what was refused. */
    public String reason() {
        return reason;
    }
}
