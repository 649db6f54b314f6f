/**
 * What lets a framework create every generated DAO of an application without scanning the class
 * path: Redao's processor writes one {@link dev.redao.runtime.spi.DaoCatalog} per compilation that
 * has models, which lists that compilation's DAOs, and names it in
 * {@code META-INF/services/dev.redao.runtime.spi.DaoCatalog}. {@link dev.redao.runtime.spi.DaoCatalogs#find(ClassLoader)}
 * reads every catalog on the class path with the JDK's {@link java.util.ServiceLoader}.
 *
 * <p>Redao's Spring Boot starter registers a bean per DAO this way; a plain application can use it
 * too:
 *
 * <pre>{@code
 * for (DaoFactory<?> dao : DaoCatalogs.find(MyApp.class.getClassLoader())) {
 *     ModelDao<?, ?> created = dao.create(store);
 * }
 * }</pre>
 */
package dev.redao.runtime.spi;
