package dev.redao.runtime;

/**
 * A query's script ran in Redis for longer than the connection's {@code timeout} allows and stopped
 * itself, having written nothing (a {@code delete()} deleted nothing). A query that reads many ids,
 * such as a {@code contains} over a whole model, holds Redis while it runs: it stops rather than
 * hold Redis after its caller has given up. Not retryable as it is: narrow the query with an
 * indexed filter, ask for a shorter page, or give the connection a longer {@code timeout}.
 */
public class QueryTooLongException extends RedaoException {
    private static final long serialVersionUID = 1L;

    /**
     * A query that stopped itself.
     *
     * @param message names the model, how long the query ran and how many ids it had read
     * @param cause what Redis replied
     */
    public QueryTooLongException(String message, Throwable cause) {
        super(message, cause);
    }
}
