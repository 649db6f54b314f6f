package dev.redao.spring.boot;

import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.spi.DaoCatalogs;
import dev.redao.runtime.spi.DaoFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.util.StringUtils;

/**
 * Registers a bean for every DAO that the DAO catalogs on the application's class path list
 * ({@link DaoCatalogs#find}): nothing is scanned, and each bean is made by the DAO's constructor
 * through an instance supplier, on the context's {@link RedisStore}. A bean is named after its
 * class ({@code userDao}), or by its qualified class name where two DAOs share a simple name or the
 * name is taken. A DAO that the application defines a bean of itself is left to it.
 */
public final class RedaoDaoRegistrar implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware, BeanFactoryAware {
    private ClassLoader classLoader = RedaoDaoRegistrar.class.getClassLoader();
    private BeanFactory beanFactory;

    /** The registrar, as the auto-configuration declares it. */
    public RedaoDaoRegistrar() {}

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        List<DaoFactory<?>> daos = DaoCatalogs.find(classLoader);
        Map<String, Integer> simpleNames = new HashMap<>();
        for (DaoFactory<?> dao : daos) {
            simpleNames.merge(dao.type().getSimpleName(), 1, Integer::sum);
        }
        for (DaoFactory<?> dao : daos) {
            if (definedByTheApplication(dao.type())) {
                continue;
            }
            String name = StringUtils.uncapitalizeAsProperty(dao.type().getSimpleName());
            if (simpleNames.get(dao.type().getSimpleName()) > 1 || registry.containsBeanDefinition(name)) {
                name = dao.type().getName();
            }
            registry.registerBeanDefinition(name, definition(name, dao));
        }
    }

    /**
     * The context's store, recorded as a dependency of the DAO bean {@code daoBean}: Spring then
     * destroys the beans that use the DAO before it closes the store.
     */
    private RedisStore store(String daoBean) {
        RedisStore store = beanFactory.getBean(RedisStore.class);
        if (beanFactory instanceof ConfigurableListableBeanFactory beans) {
            for (String storeBean : beans.getBeanNamesForType(RedisStore.class, false, false)) {
                if (beans.getSingleton(storeBean) == store) {
                    beans.registerDependentBean(storeBean, daoBean);
                }
            }
        }
        return store;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // the definitions are all registered above
    }

    private boolean definedByTheApplication(Class<?> daoType) {
        return beanFactory instanceof ListableBeanFactory beans && beans.getBeanNamesForType(daoType, true, false).length > 0;
    }

    private <D extends ModelDao<?, ?>> RootBeanDefinition definition(String name, DaoFactory<D> dao) {
        RootBeanDefinition definition = new RootBeanDefinition(dao.type(), () -> dao.create(store(name)));
        definition.setDescription("Redao DAO " + dao.type().getName() + ", from the DAO catalog");
        return definition;
    }
}
