package dev.redao.runtime.internal;

import dev.redao.runtime.metrics.Operation;
import dev.redao.runtime.metrics.Outcome;
import dev.redao.runtime.metrics.RedaoObserver;
import dev.redao.runtime.metrics.Retry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that reports to a store's {@link RedaoObserver}: times an operation, names its
 * outcome, and keeps the observer's own failures from reaching the call. A store without an
 * observer has no {@code Metrics} at all ({@link StoreConnection#metrics()} is null), so each
 * instrumented call costs one test of a final field, and these lambdas are made only when there
 * is an observer:
 *
 * <pre>{@code
 * return metrics == null ? saveNow(object) : metrics.time(name, Operation.SAVE, () -> saveNow(object));
 * }</pre>
 *
 * <p>A public call is reported once: an operation that another runs on the same thread (a
 * partitioned model's query looks up its unique values with {@code getByUnique} first) is part of
 * the outer one, and not reported on its own.
 */
public final class Metrics {
    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
    /** How many reported operations the thread is inside: only the outermost is reported. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final RedaoObserver observer;
    /** Whether the observer has thrown yet: only its first failure is logged. */
    private final AtomicBoolean failed = new AtomicBoolean();

    Metrics(RedaoObserver observer) {
        this.observer = observer;
    }

    /** A store's metrics, or null for none: what {@link StoreConnection#metrics()} holds. */
    static Metrics of(RedaoObserver observer) {
        return observer == null ? null : new Metrics(observer);
    }

    public RedaoObserver observer() {
        return observer;
    }

    /** Runs {@code work} and reports it as one operation, whatever it returns or throws. */
    public <R> R time(String model, Operation operation, Supplier<R> work) {
        int[] depth = DEPTH.get();
        if (depth[0] > 0) {
            return work.get(); // part of the operation that runs it
        }
        depth[0]++;
        long start = System.nanoTime();
        R result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            report(model, operation, Outcome.of(e), System.nanoTime() - start);
            throw e;
        } finally {
            depth[0]--;
        }
        report(model, operation, Outcome.OK, System.nanoTime() - start);
        return result;
    }

    /** As {@link #time}, for work that returns nothing. */
    public void run(String model, Operation operation, Runnable work) {
        time(model, operation, () -> {
            work.run();
            return null;
        });
    }

    /** Reports an operation that ended {@code nanos} after it began, with {@code failure} (null for none). */
    void report(String model, Operation operation, Throwable failure, long nanos) {
        report(model, operation, failure == null ? Outcome.OK : Outcome.of(failure), nanos);
    }

    private void report(String model, Operation operation, Outcome outcome, long nanos) {
        try {
            observer.operation(model, operation, outcome, nanos);
        } catch (RuntimeException e) {
            observerFailed(e);
        }
    }

    /** The store sent a call again. */
    public void retried(Retry why) {
        try {
            observer.retried(why);
        } catch (RuntimeException e) {
            observerFailed(e);
        }
    }

    /** The store lost a connection to {@code address}, which is replaced. */
    public void reconnected(String address) {
        try {
            observer.reconnected(address);
        } catch (RuntimeException e) {
            observerFailed(e);
        }
    }

    /** Tells the observer of a lifecycle step, such as {@link RedaoObserver#attached}. */
    public void lifecycle(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            observerFailed(e);
        }
    }

    private void observerFailed(RuntimeException e) {
        if (failed.compareAndSet(false, true)) {
            LOG.warn("the metrics observer " + observer.getClass().getName() + " failed; its calls go on, and"
                    + " its further failures are not logged", e);
        }
    }
}
