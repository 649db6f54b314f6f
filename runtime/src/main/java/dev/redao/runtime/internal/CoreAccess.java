package dev.redao.runtime.internal;

import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.Transaction;

/** What the core package hides for Redao's other packages (see {@link SharedSecrets}). */
public interface CoreAccess {
    /** What the store is underneath: its pool, namespace and JSON codec. */
    StoreConnection connection(RedisStore store);

    /** What the DAO does underneath. */
    <T, ID> ModelEngine<T, ID> engine(ModelDao<T, ID> dao);

    /** The write call a transaction collects its writes in; refused once the transaction is over. */
    WriteCall writeCall(Transaction transaction);
}
