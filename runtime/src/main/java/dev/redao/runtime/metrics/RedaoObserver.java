package dev.redao.runtime.metrics;

import dev.redao.runtime.RedisStore;

/**
 * Hears what a {@link RedisStore} does, for metrics: attach one when the store connects, with
 * {@link RedisStore.Options#observer}. {@code redao-micrometer}'s {@code MicrometerObserver} is one.
 *
 * <p>Every method is called on the thread that made the call it reports, right after it, and so
 * must be quick and thread-safe; it adds to the call's own time. An exception it throws is
 * logged (the first one only) and does not change the call's result.
 *
 * <p>What is reported: each operation of a DAO, a query, a transaction, a pipeline and a Lua
 * program, once per public call that got past its argument checks (a call refused for a bad
 * argument sent nothing and is not reported); each call the store sent again ({@link #retried});
 * each connection it lost ({@link #reconnected}). Messaging, queues and the keyspace tools are
 * not reported.
 */
public interface RedaoObserver {
    /**
     * The store has connected with this observer: {@link RedisStore#poolStats()} may be read from
     * now until {@link #closed}. Called once per store; an observer attached to several stores
     * hears of each.
     *
     * @param store the store
     */
    default void attached(RedisStore store) {}

    /**
     * One operation ended.
     *
     * @param model the model's name ({@code @Model(name)}, by default the type's simple name in lower case); for a
     *     transaction the names of the models it wrote, joined by {@code +} in the order they were
     *     first written; for a Lua program the program's name; {@code none} for a pipeline
     * @param operation what kind of call it was
     * @param outcome how it ended
     * @param nanos how long it took, by {@link System#nanoTime()}
     */
    void operation(String model, Operation operation, Outcome outcome, long nanos);

    /**
     * The store sent a call again, within the same operation.
     *
     * @param why why it had to
     */
    default void retried(Retry why) {}

    /**
     * The store lost a connection and replaces it: a pooled connection that broke during a call
     * (killed, timed out, cut off; the pool opens a new one for the next call that needs it), or
     * the pub/sub connection, once it is back. A connection that could not be opened at all is no
     * loss: it is the call's error.
     *
     * @param address the server, as {@code host:port}
     */
    default void reconnected(String address) {}

    /**
     * The store was closed: its pools are gone.
     *
     * @param store the store
     */
    default void closed(RedisStore store) {}
}
