package dev.redao.runtime.async;

import dev.redao.runtime.InFlightLimitException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.Transaction;
import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.PipelinedFuture;
import dev.redao.runtime.internal.SharedSecrets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs Redao's calls asynchronously: any call of a store, its DAOs, queries, transactions,
 * pipelines, Lua programs and queues, given as a lambda ({@code store.async().call(() ->
 * users.getByEmail(e))}), returns a {@link CompletableFuture} that completes with what the call
 * returns, or exceptionally with the same {@link dev.redao.runtime.RedaoException} it throws. It
 * is the blocking call itself, run on a thread of the store's, so results, errors and atomicity
 * are the blocking call's by construction; the calls that run at the same time are sent together
 * in pipelines ({@link dev.redao.runtime.RedisUrl#autoPipeline()}), which is where the throughput
 * comes from (docs/async.md). A DAO's calls that are one script or one command ({@link AsyncDao}:
 * {@code save}, {@code update}, {@code get}, {@code delete} of one object, a query's terminals...)
 * take no thread: the thread that reads the reply completes them, with the blocking call's own code.
 *
 * <ul>
 * <li><b>Back-pressure.</b> At most {@link RedisStore.Options#maxInFlight} calls are under way;
 *     one more waits on the caller's thread, up to the connection's timeout, for one of them to
 *     finish, then fails with {@link InFlightLimitException} without being started.
 * <li><b>Callbacks.</b> A future completes on the thread that ran the call, or read its reply,
 *     after that call has given its connection back: a callback never holds up another call's
 *     replies, and never runs on the thread of a blocking caller.
 * <li><b>Waiting.</b> A caller that waits on a future with {@code get()} or {@code join()} before
 *     any thread has started its call runs the call itself, as a blocking call would: it saves two
 *     hand-offs between threads. Whichever thread runs it, a call runs once.
 * <li><b>Cancelling</b> a future does not stop a call already started: it runs to its end (a write
 *     may still happen), and its connection stays sound.
 * <li><b>Order.</b> Calls started one after another without waiting may run at the same time, in
 *     any order; to order two calls, start the second when the first completes
 *     ({@code thenCompose}). Within one call, everything runs in order, as when blocking.
 * </ul>
 */
public final class AsyncStore implements AutoCloseable {
    static {
        // the store and its DAOs make their asynchronous calls through this
        SharedSecrets.setAsyncAccess(new AsyncAccessor());
    }

    private final RedisStore store;
    private final int limit;
    private final Semaphore inFlight;
    private final ThreadPoolExecutor threads;
    private final Runnable givePermitBack;

    AsyncStore(RedisStore store, int limit) {
        this.store = store;
        this.limit = limit;
        this.inFlight = new Semaphore(limit);
        // a thread per call under way, made when needed and gone when idle: the calls block on
        // their replies, and the limit bounds how many threads that takes. A call started as
        // another ends may find that one's thread still busy for a moment: it waits in the queue
        this.threads = new ThreadPoolExecutor(limit, limit, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new Named());
        this.threads.allowCoreThreadTimeOut(true);
        this.givePermitBack = inFlight::release;
    }

    /**
     * Runs {@code work} asynchronously.
     *
     * @param <R> what {@code work} returns
     * @param work one or more of Redao's blocking calls
     * @return a future of what {@code work} returns, or of what it throws
     */
    public <R> CompletableFuture<R> call(Supplier<R> work) {
        Arguments.requireNonNull(work, "work", "call");
        CompletableFuture<R> refused = takePermit();
        return refused != null ? refused : start(work);
    }

    /**
     * A call that may be one script or one command: {@code send} sends it in the automatic pipeline
     * with no thread waiting for its reply, the thread that reads the reply completing its future
     * ({@link PipelinedFuture}), or returns null, having sent nothing, for a call that needs more.
     * That one runs as {@link #call} runs {@code otherwise}.
     */
    <R> CompletableFuture<R> oneTrip(BiFunction<Executor, Runnable, PipelinedFuture<R>> send, Supplier<R> otherwise) {
        CompletableFuture<R> refused = takePermit();
        if (refused != null) {
            return refused;
        }
        PipelinedFuture<R> sent;
        try {
            sent = send.apply(threads, givePermitBack);
        } catch (RuntimeException e) { // the DAO refused before sending (its schema changed, say)
            inFlight.release();
            return CompletableFuture.failedFuture(e);
        }
        return sent != null ? sent : start(otherwise);
    }

    /** Takes a permit for a call, waiting up to the timeout; the future of the refusal if none came. */
    private <R> CompletableFuture<R> takePermit() {
        long timeout = store.url().timeoutMillis();
        try {
            if (!inFlight.tryAcquire(timeout, TimeUnit.MILLISECONDS)) {
                return CompletableFuture.failedFuture(new InFlightLimitException(limit, timeout));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new RedaoException("interrupted while waiting to start an asynchronous call", e));
        }
        return null;
    }

    /** Starts {@code work} on a thread of the store's, with its permit taken. */
    private <R> CompletableFuture<R> start(Supplier<R> work) {
        Call<R> call = new Call<>(work);
        try {
            threads.execute(call);
        } catch (RuntimeException notStarted) { // the store is closed
            inFlight.release();
            return CompletableFuture.failedFuture(notStarted);
        }
        return call;
    }

    /**
     * Runs {@code work} asynchronously.
     *
     * @param work one or more of Redao's blocking calls
     * @return a future that completes when {@code work} has run, or with what it throws
     */
    public CompletableFuture<Void> run(Runnable work) {
        Arguments.requireNonNull(work, "work", "run");
        return call(() -> {
            work.run();
            return null;
        });
    }

    /**
     * {@link RedisStore#transaction} asynchronously: {@code work} records the transaction's
     * operations, on a thread of the store's, and they run as one script, all or nothing.
     *
     * @param work records the transaction's operations
     * @return a future that completes when the transaction has run, or with its refusal
     */
    public CompletableFuture<Void> transaction(Consumer<? super Transaction> work) {
        Arguments.requireNonNull(work, "work", "transaction");
        return run(() -> store.transaction(work));
    }

    /**
     * {@link dev.redao.runtime.messaging.PubSub#publish(String, String)} asynchronously.
     *
     * @param channel the channel, inside the namespace
     * @param message the message
     * @return a future of how many subscribed connections received it
     */
    public CompletableFuture<Long> publish(String channel, String message) {
        return call(() -> store.pubSub().publish(channel, message));
    }

    /**
     * {@link dev.redao.runtime.messaging.PubSub#publish(String, Object)} (JSON) asynchronously.
     *
     * @param channel the channel, inside the namespace
     * @param message the message, encoded by the store's Jackson mapper
     * @return a future of how many subscribed connections received it
     */
    public CompletableFuture<Long> publish(String channel, Object message) {
        return call(() -> store.pubSub().publish(channel, message));
    }

    /** {@return the calls under way now} */
    public int inFlight() {
        return limit - inFlight.availablePermits();
    }

    /** Starts no more calls; those under way run to their end. For {@link RedisStore#close()}. */
    @Override
    public void close() {
        threads.shutdown();
    }

    /**
     * One call: its future, and the task that runs it, once. A thread of the store's runs it, unless
     * a caller that waits on the future with {@link #get()} or {@link #join()} finds it not started
     * yet: then the caller runs it, as {@code ForkJoinTask.join} helps. A caller that would wait
     * anyway saves the two hand-offs between threads (to a thread of the store's and back); the
     * call is the same, so are its result and its errors.
     */
    private final class Call<R> extends CompletableFuture<R> implements Runnable {
        private final Supplier<R> work;
        private final AtomicBoolean started = new AtomicBoolean();

        Call(Supplier<R> work) {
            this.work = work;
        }

        @Override
        public void run() {
            if (!started.compareAndSet(false, true)) {
                return; // its caller ran it
            }
            R result;
            try {
                result = work.get();
            } catch (Throwable failed) {
                inFlight.release();
                completeExceptionally(failed);
                return;
            }
            inFlight.release();
            complete(result);
        }

        /** Runs the call on the waiting thread if no thread has started it yet; a cancelled call is left to a thread of the store's. */
        private void runIfNotStarted() {
            if (!isDone()) {
                run();
            }
        }

        @Override
        public R get() throws InterruptedException, ExecutionException {
            runIfNotStarted();
            return super.get();
        }

        @Override
        public R join() {
            runIfNotStarted();
            return super.join();
        }
    }

    /** The threads' names, which say whose they are in a thread dump; daemons, so that they never keep a JVM up. */
    private static final class Named implements ThreadFactory {
        private static final AtomicInteger STORES = new AtomicInteger();
        private final int store = STORES.incrementAndGet();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "redao-async-" + store + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
