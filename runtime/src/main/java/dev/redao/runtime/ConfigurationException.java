package dev.redao.runtime;

/**
 * The connection string cannot work: it is malformed, names a deployment of another kind than
 * the server is (a cluster node behind {@code redis://}, a single server behind
 * {@code redis-cluster://}), or asks for a setting the server refuses, such as a {@code db} it
 * does not have ({@code ERR DB index is out of range}). Not retryable: fix the connection string,
 * which the message names without its password. {@link #reason()} says what failed.
 */
public class ConfigurationException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    /**
     * A setting that cannot work.
     *
     * @param reason what failed: the server's error text, or what is wrong with the URL
     * @param message the whole message, which never shows a password
     * @param cause what failed underneath, or null
     */
    public ConfigurationException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * What failed: the server's error text, or what is wrong with the URL.
     *
     * @return what failed
     */
    public String reason() {
        return reason;
    }
}
