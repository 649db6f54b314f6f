package dev.redao.runtime.spi;

/**
 * The DAOs of one compilation. Redao's processor writes one implementation per compilation that
 * has models (a public final class named {@code RedaoCatalog_<hash>} in the package of its models,
 * see docs/spring-boot.md) and lists it in {@code META-INF/services/dev.redao.runtime.spi.DaoCatalog},
 * so that {@link DaoCatalogs#find(ClassLoader)} finds it through {@link java.util.ServiceLoader}. Its
 * {@link #register} calls {@code registry.add(UserDao.class, UserDao::new)} for each DAO: nothing is
 * looked up by reflection. Implementations need a public no-argument constructor.
 */
public interface DaoCatalog {
    /**
     * Adds each DAO of the compilation to {@code registry}.
     *
     * @param registry what receives the DAOs
     */
    void register(DaoRegistry registry);
}
