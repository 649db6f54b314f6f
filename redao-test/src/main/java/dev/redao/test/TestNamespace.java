package dev.redao.test;

import dev.redao.runtime.RedisStore;

/**
 * The namespace a test runs in, and the server it is on: for a second store of the test's own (a
 * store with other options, or one in another process). {@link RedaoExtension} injects it as a
 * parameter, as it injects the {@link RedisStore}; every key of the namespace is deleted after
 * the test, whichever store wrote it.
 *
 * <pre>{@code
 * @Test
 * void twoClients(RedisStore store, TestNamespace namespace) {
 *     try (RedisStore other = RedisStore.connect(namespace.url() + "&timeout=0.5")) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * @param name the namespace's name, unique to the test (see {@link dev.redao.runtime.RedisUrl})
 * @param serverUrl the connection string of the server (or cluster), without the namespace
 */
public record TestNamespace(String name, String serverUrl) {

    /**
     * A namespace on a server.
     *
     * @param name the namespace's name
     * @param serverUrl the connection string of the server, without a namespace
     */
    public TestNamespace {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a test namespace needs a name");
        }
        if (serverUrl == null || serverUrl.isEmpty()) {
            throw new IllegalArgumentException("a test namespace needs a server URL");
        }
    }

    /**
     * {@return the connection string of the server with this namespace, which {@link
     * RedisStore#connect(String)} takes: {@code serverUrl?namespace=name}, or {@code &namespace=name}
     * when the server's URL has parameters already}
     */
    public String url() {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "namespace=" + name;
    }
}
