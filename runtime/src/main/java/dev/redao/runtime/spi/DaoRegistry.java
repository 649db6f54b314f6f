package dev.redao.runtime.spi;

import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedisStore;
import java.util.function.Function;

/** What a {@link DaoCatalog} hands its DAOs to. */
@FunctionalInterface
public interface DaoRegistry {
    /**
     * Adds one generated DAO.
     *
     * @param <D> the DAO's class
     * @param type the DAO's class, such as {@code UserDao.class}
     * @param constructor makes the DAO on a store, such as {@code UserDao::new}
     */
    <D extends ModelDao<?, ?>> void add(Class<D> type, Function<RedisStore, D> constructor);
}
