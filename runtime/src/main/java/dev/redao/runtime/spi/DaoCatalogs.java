package dev.redao.runtime.spi;

import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedisStore;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/** Finds the {@link DaoCatalog}s on a class path. */
public final class DaoCatalogs {
    private DaoCatalogs() {}

    /**
     * Every DAO that the catalogs visible to {@code loader} list, in the order of their class
     * names, each once (two catalogs that list one class give it once). Catalogs are found with
     * {@link ServiceLoader}: on the class path through {@code META-INF/services}, in a named
     * module through its {@code provides} clause.
     *
     * @param loader the class loader to look with, such as the application's
     * @return the DAOs, possibly none
     * @throws ConfigurationException if a catalog cannot be loaded, or names a class that is
     *     missing (the jar it came from was built against other models: rebuild it)
     */
    public static List<DaoFactory<?>> find(ClassLoader loader) {
        Map<String, DaoFactory<?>> byName = new TreeMap<>();
        DaoRegistry registry = new DaoRegistry() {
            @Override
            public <D extends ModelDao<?, ?>> void add(Class<D> type, Function<RedisStore, D> constructor) {
                byName.putIfAbsent(type.getName(), new DaoFactory<>(type, constructor));
            }
        };
        ServiceLoader<DaoCatalog> catalogs = ServiceLoader.load(DaoCatalog.class, loader);
        try {
            for (DaoCatalog catalog : catalogs) {
                try {
                    catalog.register(registry);
                } catch (LinkageError e) {
                    throw invalid("the DAO catalog " + catalog.getClass().getName() + " names a class that cannot be"
                            + " loaded (" + e + "): it was compiled with other models than the classes beside it;"
                            + " rebuild that jar or folder", e);
                }
            }
        } catch (ServiceConfigurationError e) {
            throw invalid("a DAO catalog named in META-INF/services/" + DaoCatalog.class.getName()
                    + " cannot be loaded: " + e.getMessage(), e);
        }
        return List.copyOf(byName.values());
    }

    private static ConfigurationException invalid(String what, Throwable cause) {
        return new ConfigurationException(what, what, cause);
    }
}
