package dev.redao.runtime;

/**
 * Redis refused the connection's credentials ({@code WRONGPASS}), or wants some and got none
 * ({@code NOAUTH}): fix the user or password of the connection string. Not retryable. The message
 * names the address and carries the server's words, never the password.
 */
public class AuthenticationException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String address;
    private final String reason;

    public AuthenticationException(String address, String reason, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
        this.reason = reason;
    }

    /** The server, as {@code host:port}. */
    public String address() {
        return address;
    }

    /** The server's error text, such as {@code WRONGPASS invalid username-password pair or user is disabled.} */
    public String reason() {
        return reason;
    }
}
