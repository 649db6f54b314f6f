package dev.redao.runtime;

/**
 * The server refused a setting of the connection string, such as a {@code db} it does not have
 * ({@code ERR DB index is out of range}). Not retryable: fix the connection string, which the
 * message names without its password.
 */
public class ConfigurationException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public ConfigurationException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The server's error text. */
    public String reason() {
        return reason;
    }
}
