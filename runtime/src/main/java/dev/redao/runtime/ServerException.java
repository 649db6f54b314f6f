package dev.redao.runtime;

/**
 * A condition of the Redis server that a call met: the server refused the call, or could not
 * serve it. Carries the server's address and its reason; the subclasses say what kind.
 */
public abstract class ServerException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String address;
    private final String reason;

    /**
     * @param reason the server's error text or code
     * @param message the whole message, which names the address and carries the server's words
     * @param address the server, as {@code host:port}
     * @param cause what failed underneath, or null
     */
    protected ServerException(String address, String reason, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
        this.reason = reason;
    }

    /** {@return the server, as {@code host:port}} */
    public String address() {
        return address;
    }

    /**
     * {@return the server's error text, which says what was refused or why the call could not be
     * served}
     */
    public String reason() {
        return reason;
    }
}
