package dev.redao.runtime.async;

import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.internal.AsyncAccess;

/** The async package's accessor, which {@link AsyncStore} registers (see {@code SharedSecrets}). */
final class AsyncAccessor implements AsyncAccess {
    @Override
    public AsyncStore newAsyncStore(RedisStore store, int limit) {
        return new AsyncStore(store, limit);
    }

    @Override
    public <T, ID> AsyncDao<T, ID> newAsyncDao(ModelDao<T, ID> dao, AsyncStore async) {
        return new AsyncDao<>(dao, async);
    }
}
