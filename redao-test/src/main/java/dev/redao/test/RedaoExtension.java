package dev.redao.test;

import dev.redao.runtime.RedisStore;
import dev.redao.test.internal.RunningServers;
import dev.redao.test.internal.ServerSpec;
import dev.redao.test.internal.TestNamespaces;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit extension behind {@link RedaoTest}: it gives each test method a {@link RedisStore} in
 * a namespace of its own on a real Redis server, as a parameter of the test method and of its
 * {@code @BeforeEach} and {@code @AfterEach} methods (all three get the same store), and deletes
 * every key of that namespace after the test. A {@link TestNamespace} parameter gives the
 * namespace's name and connection string.
 *
 * <p>Use it through {@link RedaoTest}, or register it in a field to configure it in code:
 *
 * <pre>{@code
 * class ClusterTest {
 *     @RegisterExtension
 *     static final RedaoExtension REDIS = RedaoExtension.builder().cluster().keyspaceEvents("Kg$").build();
 *
 *     @Test
 *     void savesOnACluster(RedisStore store) { ... }
 * }
 * }</pre>
 *
 * <p><b>Servers.</b> Each setting's server (or cluster) is started when a test first needs it and
 * stopped when the test run ends (it lives in JUnit's root store); tests with the same settings
 * share it. {@code REDIS_URL} (or the system property {@code redao.redis.url}) names a server of
 * your own, which is used and never stopped; without it, {@code redis-server} from the {@code PATH}
 * is started on a free port, or else the Redis 6.2 binary of the embedded-redis package
 * ({@code -Dredao.redis.server=embedded} chooses that one even where Redis is installed).
 *
 * <p><b>Namespaces.</b> A test's namespace is made when one of its methods first takes a store or
 * a namespace, and emptied after its {@code @AfterEach} methods ran, whatever wrote the keys; its
 * store is closed then. Tests may run in parallel: each has its own namespace. A {@code @BeforeAll}
 * or {@code @AfterAll} method cannot take a store, which belongs to one test.
 */
public final class RedaoExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedaoExtension.class);

    /** null: the spec comes from the test class's {@link RedaoTest}. */
    private final ServerSpec spec;

    /**
     * The extension as {@link RedaoTest} registers it, configured by the test class's annotation
     * (or the nearest enclosing class's); without one, on the server found the usual way.
     */
    public RedaoExtension() {
        this(null);
    }

    private RedaoExtension(ServerSpec spec) {
        this.spec = spec;
    }

    /** {@return a builder of an extension for a {@code @RegisterExtension} field} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RedisStore.class || type == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("RedaoExtension gives a " + parameter.getParameter().getType().getSimpleName()
                    + " to test methods and their @BeforeEach and @AfterEach methods only, since each test has a namespace"
                    + " of its own; " + parameter.getDeclaringExecutable() + " runs outside a test");
        }
        TestNamespaces.Entry test = context.getStore(NAMESPACE).computeIfAbsent(TestNamespaces.Entry.class,
                type -> new TestNamespaces.Entry(servers(context)), TestNamespaces.Entry.class);
        return parameter.getParameter().getType() == RedisStore.class ? test.store() : test.namespace();
    }

    /** Deletes the keys of the test's namespace, if it had one, and closes its store. */
    @Override
    public void afterEach(ExtensionContext context) {
        TestNamespaces.Entry test = context.getStore(NAMESPACE).remove(TestNamespaces.Entry.class, TestNamespaces.Entry.class);
        if (test != null) {
            test.close();
        }
    }

    /** The servers of the test's spec, started on first use and closed with JUnit's root store. */
    private RunningServers servers(ExtensionContext context) {
        ServerSpec wanted = spec != null ? spec : specOf(context.getRequiredTestClass());
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(wanted, RunningServers::start, RunningServers.class);
    }

    /** What the nearest {@link RedaoTest} on the class or an enclosing class says; the usual server without one. */
    private static ServerSpec specOf(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<RedaoTest> found = AnnotationSupport.findAnnotation(c, RedaoTest.class);
            if (found.isPresent()) {
                RedaoTest test = found.get();
                return new ServerSpec(test.server(), test.cluster(), test.keyspaceEvents());
            }
        }
        return ServerSpec.USUAL;
    }

    @Override
    public String toString() {
        return "RedaoExtension[" + (spec == null ? "as @RedaoTest says" : spec) + "]";
    }

    /** Configures a {@link RedaoExtension} for a {@code @RegisterExtension} field. */
    public static final class Builder {
        private String server = "";
        private boolean cluster;
        private String keyspaceEvents = "";

        private Builder() {}

        /**
         * Starts this {@code redis-server} (a Redis of another version, say) rather than the one found
         * the usual way, even when {@code REDIS_URL} is set.
         *
         * @param binary the executable
         * @return this builder
         */
        public Builder server(Path binary) {
            this.server = Objects.requireNonNull(binary, "binary").toString();
            return this;
        }

        /**
         * Starts the Redis 6.2 binary of the embedded-redis package rather than the server found the
         * usual way, even when {@code REDIS_URL} is set or Redis is installed.
         *
         * @return this builder
         */
        public Builder embeddedServer() {
            this.server = RedaoTest.EMBEDDED;
            return this;
        }

        /**
         * Runs the tests on a Redis Cluster of 3 masters without replicas, every node started from
         * the binary chosen ({@code REDIS_URL} names one server, so it plays no part here).
         *
         * @return this builder
         */
        public Builder cluster() {
            this.cluster = true;
            return this;
        }

        /**
         * The {@code notify-keyspace-events} flags the server gets, such as {@code "KEA"}. A server
         * named by {@code REDIS_URL} gets them added to those it has, and its setting back when the
         * run ends.
         *
         * @param flags Redis's flags
         * @return this builder
         */
        public Builder keyspaceEvents(String flags) {
            this.keyspaceEvents = Objects.requireNonNull(flags, "flags");
            return this;
        }

        /** {@return the extension, for a {@code @RegisterExtension} field} */
        public RedaoExtension build() {
            return new RedaoExtension(new ServerSpec(server, cluster, keyspaceEvents));
        }
    }
}
