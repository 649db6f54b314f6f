package dev.redao.runtime.internal;

import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.queue.ReliableQueue;
import java.nio.charset.StandardCharsets;

/**
 * The key names of one {@link ReliableQueue}. The base {@code {<namespace>:queue:<name>}} is a Redis
 * Cluster hash tag, so BLMOVE (which needs both lists in one slot) and every queue script stay
 * legal on a cluster. A model's base is {@code {<namespace>:<model>}} and model names cannot hold a
 * colon, so a queue never shares keys with a model.
 *
 * <table>
 * <caption>The keys under the base</caption>
 * <tr><td>{@code :ready}</td><td>list</td><td>messages waiting; pushed on the left, taken from the right (FIFO)</td></tr>
 * <tr><td>{@code :processing}</td><td>list</td><td>messages taken and not yet acknowledged</td></tr>
 * <tr><td>{@code :leases}</td><td>sorted set</td><td>delivery handle → server time (ms) the delivery began</td></tr>
 * <tr><td>{@code :ids}</td><td>string</td><td>the counter message ids come from</td></tr>
 * </table>
 */
public final class QueueKeys {
    private final String base;
    private final byte[] ready;
    private final byte[] processing;
    private final byte[] leases;
    private final byte[] counter;

    public QueueKeys(String namespace, String name) {
        checkName(name);
        this.base = Namespaces.namespaced(namespace, "{queue:" + name + "}");
        this.ready = bytes(base + ":ready");
        this.processing = bytes(base + ":processing");
        this.leases = bytes(base + ":leases");
        this.counter = bytes(base + ":ids");
    }

    public static void checkName(String name) {
        if (Arguments.requireNonNull(name, "name", "queue").isEmpty()) {
            throw new InvalidArgumentException("name", "queue: a queue needs a name");
        }
        // a brace in the name would end the hash tag early and scatter the queue's keys over slots
        if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
            throw new InvalidArgumentException("name", "queue: a queue name cannot contain '{' or '}': " + name);
        }
    }

    /** {@code {<namespace>:queue:<name>}}: the prefix of every key of the queue. */
    public String base() {
        return base;
    }

    /** The list of messages waiting to be taken. */
    public byte[] ready() {
        return ready;
    }

    /** The list of messages taken and not yet acknowledged. */
    public byte[] processing() {
        return processing;
    }

    /** The sorted set of delivery handles scored by the server time their delivery began. */
    public byte[] leases() {
        return leases;
    }

    /** The counter message ids come from. */
    public byte[] counter() {
        return counter;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
