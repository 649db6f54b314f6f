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

    public KeyspaceEventsException(String message, String current, String required, Throwable cause) {
        super(message, cause);
        this.current = current;
        this.required = required;
    }

    /** The server's {@code notify-keyspace-events}, or null if it could not be read. */
    public String current() {
        return current;
    }

    /** The flags the watch needs, {@code K} and event classes, for example {@code Kghxe}. */
    public String required() {
        return required;
    }
}
