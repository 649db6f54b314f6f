package dev.redao.runtime;

/**
 * The connection's ACL user may not run a command, or touch a key or channel, that the call needs
 * ({@code NOPERM}, or its wording inside a script). Not retryable: grant the user what the message
 * names, or connect as another. The data is as it was: a refused read changes nothing, and a
 * single-object write gives back what it wrote before the refusal.
 */
public class PermissionException extends ServerException {
    private static final long serialVersionUID = 1L;

    /**
     * A command the connection's ACL user may not run.
     *
     * @param address the server, as {@code host:port}
     * @param reason the server's error text or code
     * @param message the whole message, which names the address and carries the server's words
     * @param cause what failed underneath, or null
     */
    public PermissionException(String address, String reason, String message, Throwable cause) {
        super(address, reason, message, cause);
    }
}
