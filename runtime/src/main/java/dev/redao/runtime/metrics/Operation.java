package dev.redao.runtime.metrics;

import java.util.Locale;

/** The kinds of operation a store reports to its {@link RedaoObserver}, one per public call. */
public enum Operation {
    /** {@code save} and {@code update} of one object. */
    SAVE,
    /** {@code get}, {@code getAll}, {@code getBy<Unique>}, {@code exists} and {@code count} of a DAO. */
    GET,
    /** A query's terminal operation: {@code list}, {@code first}, {@code ids}, {@code count}, {@code exists}, {@code delete}. */
    QUERY,
    /** {@code delete} and {@code deleteAll}. */
    DELETE,
    /** {@code saveAll}, in either batch mode. */
    BATCH,
    /** The commit of a {@link dev.redao.runtime.Transaction}. */
    TRANSACTION,
    /** {@link dev.redao.runtime.tools.Pipeline#sync()}. */
    PIPELINE,
    /** A user Lua program ({@link dev.redao.runtime.tools.LuaPrograms#run}). */
    LUA;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** {@return the name as a metric tag: {@code save}, {@code get}, ..., {@code lua}} */
    public String tag() {
        return tag;
    }
}
