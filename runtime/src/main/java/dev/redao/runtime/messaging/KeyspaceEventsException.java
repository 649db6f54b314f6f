package dev.redao.runtime.messaging;

import dev.redao.runtime.RedaoException;

/**
 * A watch needs Redis keyspace notifications, which the server's {@code notify-keyspace-events}
 * does not enable, and this connection may not enable them (no CONFIG permission, or a managed
 * service without CONFIG). The message says exactly what to set.
 */
public class KeyspaceEventsException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String current;
    private final String required;

    /**
     * A server that does not publish the keyspace notifications a watch needs, and on which Redao may not turn them on.
     *
     * @param message what to set, and where
     * @param current the server's {@code notify-keyspace-events}, or null if it could not be read
     * @param required the flags the watch needs
     * @param cause what failed underneath, or null
     */
    public KeyspaceEventsException(String message, String current, String required, Throwable cause) {
        super(message, cause);
        this.current = current;
        this.required = required;
    }

    /** {@return the server's {@code notify-keyspace-events}, or null if it could not be read} */
    public String current() {
        return current;
    }

    /** {@return the flags the watch needs, {@code K} and event classes, for example {@code Kghxe}} */
    public String required() {
        return required;
    }
}
