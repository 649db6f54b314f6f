package dev.redao.test.internal;

import dev.redao.runtime.RedisStore;
import dev.redao.test.TestNamespace;
import java.util.concurrent.atomic.AtomicLong;

/** The namespace and the store of one test, made when the test first asks for either. */
public final class TestNamespaces {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Tells apart the JVMs that share a server named by REDIS_URL. */
    private static final String JVM = Long.toString(ProcessHandle.current().pid(), 36)
            + "-" + Long.toUnsignedString(System.nanoTime(), 36);

    private TestNamespaces() {}

    /** A namespace name no other test uses, in this JVM or another: {@code redao-test-<jvm>-<n>}. */
    public static String newName() {
        return "redao-test-" + JVM + "-" + SEQUENCE.incrementAndGet();
    }

    /**
     * A test's namespace and its store. {@link #close()} closes the store (the test may have closed
     * it already) and deletes every key of the namespace, with the runtime's own pattern delete.
     */
    public static final class Entry implements AutoCloseable {
        private final RunningServers servers;
        private final TestNamespace namespace;
        private final RedisStore store;
        private boolean closed;

        public Entry(RunningServers servers) {
            this.servers = servers;
            this.namespace = new TestNamespace(newName(), servers.url());
            this.store = RedisStore.connect(namespace.url());
        }

        public TestNamespace namespace() {
            return namespace;
        }

        public RedisStore store() {
            return store;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                store.close(); // first, so that nothing of the test's (a subscription's listener) writes meanwhile
            } finally {
                servers.deleteNamespace(namespace.name());
            }
        }
    }
}
