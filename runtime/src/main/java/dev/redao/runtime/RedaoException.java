package dev.redao.runtime;

/** The base of every error Redao raises at run time. */
public class RedaoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RedaoException(String message) {
        super(message);
    }

    public RedaoException(String message, Throwable cause) {
        super(message, cause);
    }
}
