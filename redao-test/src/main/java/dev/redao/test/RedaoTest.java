package dev.redao.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with {@link RedaoExtension}: each test method (and its {@code @BeforeEach} and
 * {@code @AfterEach} methods) may take a {@link dev.redao.runtime.RedisStore} parameter, a store in
 * a namespace of the test's own on a real Redis server, whose keys are all deleted after the test.
 *
 * <pre>{@code
 * @RedaoTest
 * class UserDaoTest {
 *     @Test
 *     void savesAndFinds(RedisStore store) {
 *         UserDao users = new UserDao(store);
 *         users.save(new User(null, "ann@example.com"));
 *         assertTrue(users.getByEmail("ann@example.com").isPresent());
 *         RedaoAssertions.assertConsistent(users);
 *     }
 * }
 * }</pre>
 *
 * <p>The server is found as Redao's own tests find it: the {@code REDIS_URL} environment variable
 * (or the {@code redao.redis.url} system property) if set; else {@code redis-server} from the
 * {@code PATH}, started on a free port; else the Redis 6.2 binary of the
 * {@code com.github.codemonstur:embedded-redis} package. A server is started once per JVM for each
 * setting of the attributes below, and stopped when the test run ends.
 *
 * <p>The attributes choose another server; a nested class takes the nearest enclosing class's
 * annotation. For settings made in code, register the extension in a field instead (see
 * {@link RedaoExtension#builder()}); use one or the other in a class, not both.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RedaoExtension.class)
public @interface RedaoTest {
    /** The value of {@link #server()} that chooses the Redis binary of the embedded-redis package. */
    String EMBEDDED = "embedded";

    /**
     * The {@code redis-server} to start: empty (the default) finds a server as the class comment
     * says, {@value #EMBEDDED} starts the Redis 6.2 binary of the embedded-redis package, and a path
     * starts that executable (a Redis of another version, say), even when {@code REDIS_URL} is set.
     *
     * @return the server to start, or empty for the usual one
     */
    String server() default "";

    /**
     * A Redis Cluster of 3 masters, without replicas, every node started from the binary that
     * {@link #server()} chooses ({@code REDIS_URL} names one server, so it plays no part here).
     *
     * @return whether the tests run on a cluster
     */
    boolean cluster() default false;

    /**
     * The {@code notify-keyspace-events} flags the server gets, such as {@code "KEA"}: empty (the
     * default) leaves the server's setting as it is. A server named by {@code REDIS_URL} gets them
     * added to those it has, and its setting back when the run ends.
     *
     * @return the flags, or empty
     */
    String keyspaceEvents() default "";
}
