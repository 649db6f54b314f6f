package dev.redao.dictionary;

import dev.redao.dictionary.internal.KeyEntryDao;
import dev.redao.dictionary.internal.LinkEntryDao;
import dev.redao.dictionary.internal.SystemEntryDao;
import dev.redao.dictionary.internal.ValueEntryDao;
import dev.redao.runtime.RedisStore;

/** The store and the DAOs of the dictionary's four models. */
record Daos(RedisStore store, SystemEntryDao systems, KeyEntryDao keys, ValueEntryDao values, LinkEntryDao links) {

    static Daos on(RedisStore store) {
        return new Daos(store, new SystemEntryDao(store), new KeyEntryDao(store), new ValueEntryDao(store),
                new LinkEntryDao(store));
    }
}
