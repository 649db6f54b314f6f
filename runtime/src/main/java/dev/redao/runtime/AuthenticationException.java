package dev.redao.runtime;

/**
 * Redis refused the connection's credentials ({@code WRONGPASS}), or wants some and got none
 * ({@code NOAUTH}): fix the user or password of the connection string. Not retryable. The message
 * names the address and carries the server's words, never the password.
 */
public class AuthenticationException extends ServerException {
    private static final long serialVersionUID = 1L;

    /**
     * A refused login.
     *
     * @param address the server, as {@code host:port}
     * @param reason the server's error text or code
     * @param message the whole message, which names the address and carries the server's words
     * @param cause what failed underneath, or null
     */
    public AuthenticationException(String address, String reason, String message, Throwable cause) {
        super(address, reason, message, cause);
    }
}
