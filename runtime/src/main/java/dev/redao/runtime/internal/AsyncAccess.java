package dev.redao.runtime.internal;

import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.async.AsyncDao;
import dev.redao.runtime.async.AsyncStore;

/** What the async package hides for Redao's other packages (see {@link SharedSecrets}). */
public interface AsyncAccess {
    /** A store's one {@link AsyncStore}, with at most {@code limit} calls under way. */
    AsyncStore newAsyncStore(RedisStore store, int limit);

    /** A DAO's asynchronous calls, run by its store's {@link AsyncStore}. */
    <T, ID> AsyncDao<T, ID> newAsyncDao(ModelDao<T, ID> dao, AsyncStore async);
}
