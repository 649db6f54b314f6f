package dev.redao.runtime.internal;

import dev.redao.runtime.metrics.Operation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * The future of an asynchronous call that is one script or one command, sent in the automatic
 * pipeline with no thread waiting for it ({@link AutoPipeline#later}): the thread that reads its
 * reply turns it into the result and completes the future, after giving its lane back. A caller
 * that waits with {@link #get()} or {@link #join()} leads pipelines meanwhile, as a blocking caller
 * does, and completes the call itself if it read the reply.
 *
 * @param <R> the call's result
 */
public final class PipelinedFuture<R> extends CompletableFuture<R> {
    private final Executor threads;
    private final Runnable settled;
    private final Metrics metrics;
    private final String model;
    private final Operation operation;
    private final long start = System.nanoTime();
    private volatile AutoPipeline pipeline;
    private volatile AutoPipeline.Call call;

    /**
     * @param threads the store's threads, which lead pipelines and complete calls when no caller does
     * @param settled run once the call has ended, before the future completes: gives back its in-flight permit
     * @param metrics the store's metrics, null for none: the call is reported as {@code operation} of {@code model}
     */
    PipelinedFuture(Executor threads, Runnable settled, Metrics metrics, String model, Operation operation) {
        this.threads = threads;
        this.settled = settled;
        this.metrics = metrics;
        this.model = model;
        this.operation = operation;
    }

    Executor threads() {
        return threads;
    }

    /** The call went in {@code pipeline}: a caller that waits for it may lead. */
    void sentAs(AutoPipeline pipeline, AutoPipeline.Call call) {
        this.pipeline = pipeline;
        this.call = call;
    }

    /** The call ended with {@code result}. */
    void succeed(R result) {
        end(null);
        complete(result);
        woken();
    }

    /** The call ended with {@code failure}, as its blocking call would have thrown it. */
    void fail(RuntimeException failure) {
        end(failure);
        completeExceptionally(failure);
        woken();
    }

    /** Wakes a caller that waits in {@link #help()}. */
    private void woken() {
        AutoPipeline.Call c = call;
        if (c != null) {
            c.completed();
        }
    }

    private void end(RuntimeException failure) {
        if (metrics != null) {
            metrics.report(model, operation, failure, System.nanoTime() - start);
        }
        settled.run();
    }

    /** Leads pipelines on the waiting thread until the call's reply is in, as a blocking call would. */
    private void help() {
        AutoPipeline p = pipeline;
        AutoPipeline.Call c = call;
        if (!isDone() && c != null) {
            p.await(c, this);
        }
    }

    @Override
    public R get() throws InterruptedException, ExecutionException {
        help();
        return super.get();
    }

    @Override
    public R join() {
        help();
        return super.join();
    }
}
