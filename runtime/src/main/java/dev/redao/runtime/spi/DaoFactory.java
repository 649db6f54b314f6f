package dev.redao.runtime.spi;

import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedisStore;
import java.util.Objects;
import java.util.function.Function;

/**
 * One generated DAO, as a {@link DaoCatalog} lists it: its class and its constructor.
 *
 * @param <D> the DAO's class
 * @param type the DAO's class
 * @param constructor makes the DAO on a store
 */
public record DaoFactory<D extends ModelDao<?, ?>>(Class<D> type, Function<RedisStore, D> constructor) {
    /**
     * Checks that both parts are given.
     *
     * @param type the DAO's class
     * @param constructor makes the DAO on a store
     */
    public DaoFactory {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(constructor, "constructor");
    }

    /**
     * A new DAO on {@code store}; a DAO is cheap to make and holds no connection of its own.
     *
     * @param store the store the DAO works on
     * @return the DAO
     */
    public D create(RedisStore store) {
        return constructor.apply(store);
    }
}
