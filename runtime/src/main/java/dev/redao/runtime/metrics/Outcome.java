package dev.redao.runtime.metrics;

import dev.redao.runtime.OptimisticLockException;
import dev.redao.runtime.PartialBatchException;
import dev.redao.runtime.QueryTooLongException;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.UniqueViolationException;
import java.util.Locale;

/** How an operation ended, as its {@link RedaoObserver} hears it. */
public enum Outcome {
    /** It returned. */
    OK,
    /** A {@link UniqueViolationException}: a unique value was taken. */
    UNIQUE_VIOLATION,
    /** An {@link OptimisticLockException}: the object's version was not the stored one. */
    VERSION_CONFLICT,
    /**
     * A {@link RedaoConnectionException} (the server did not answer in time, the connection broke,
     * or the pool had no connection to give) or a {@link QueryTooLongException}.
     */
    TIMEOUT,
    /** Any other exception. */
    ERROR;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** {@return the name as a metric tag: {@code ok}, {@code unique_violation}, {@code version_conflict}, {@code timeout}, {@code error}} */
    public String tag() {
        return tag;
    }

    /**
     * What an exception says of how the operation ended. A {@link PartialBatchException} ended as
     * the refusal that stopped the batch (its cause).
     *
     * @param failure what the operation threw
     * @return the outcome: never {@link #OK}
     */
    public static Outcome of(Throwable failure) {
        Throwable e = failure instanceof PartialBatchException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof UniqueViolationException) {
            return UNIQUE_VIOLATION;
        }
        if (e instanceof OptimisticLockException) {
            return VERSION_CONFLICT;
        }
        if (e instanceof RedaoConnectionException || e instanceof QueryTooLongException) {
            return TIMEOUT;
        }
        return ERROR;
    }
}
