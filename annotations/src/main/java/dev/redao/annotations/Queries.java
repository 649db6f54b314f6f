package dev.redao.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An interface of query methods on a model, each declared by its name and checked at compile
 * time; the processor writes {@code <Interface>Impl}, which runs each method as the query builder
 * call it stands for:
 *
 * <pre>{@code
 * @Queries(User.class)
 * public interface UserQueries {
 *     List<User> findByCountryOrderByAgeDesc(String country, int limit);
 *     Optional<User> findByEmail(String email);
 *     long countByCountryAndAgeBetween(String country, int low, int high);
 * }
 *
 * UserQueries queries = new UserQueriesImpl(new UserDao(store));
 * }</pre>
 *
 * docs/queries.md, "Query methods", gives the grammar.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Queries {
    /**
     * The {@code @Model} the methods query, compiled together with the interface.
     *
     * @return the model
     */
    Class<?> value();
}
