package dev.redao.runtime;

import dev.redao.runtime.internal.CoreAccess;
import dev.redao.runtime.internal.ModelEngine;
import dev.redao.runtime.internal.StoreConnection;
import dev.redao.runtime.internal.WriteCall;

/** The core package's accessor, which {@link RedisStore} registers (see {@code SharedSecrets}). */
final class CoreAccessor implements CoreAccess {
    @Override
    public StoreConnection connection(RedisStore store) {
        return store.connection();
    }

    @Override
    public <T, ID> ModelEngine<T, ID> engine(ModelDao<T, ID> dao) {
        return dao.engine();
    }

    @Override
    public WriteCall writeCall(Transaction transaction) {
        return transaction.writeCall();
    }
}
