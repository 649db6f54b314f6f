package dev.redao.test.internal;

import dev.redao.testsupport.LocalRedis;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The servers a test class asked for: the server to start, a cluster or not, and the keyspace
 * notifications. Equal specs share the servers of one JVM (it is their key in JUnit's root store).
 *
 * @param server empty for the server found the usual way, {@value #EMBEDDED} for the embedded-redis
 *     binary, else the path of a {@code redis-server}
 * @param cluster a cluster of 3 masters rather than one server
 * @param keyspaceEvents {@code notify-keyspace-events} flags to add, empty for none
 */
public record ServerSpec(String server, boolean cluster, String keyspaceEvents) {
    /** {@link #server()} for the embedded-redis binary. */
    public static final String EMBEDDED = "embedded";
    /** The server found the usual way, as it is configured. */
    public static final ServerSpec USUAL = new ServerSpec("", false, "");

    public ServerSpec {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(keyspaceEvents, "keyspaceEvents");
    }

    /** The binary to start, or null for the server found the usual way. */
    Path binary() {
        if (server.isEmpty()) {
            return null;
        }
        return server.equals(EMBEDDED) ? LocalRedis.embeddedBinary() : Path.of(server);
    }

    @Override
    public String toString() {
        return (cluster ? "a cluster of 3 masters" : "a server") + " from "
                + (server.isEmpty() ? "REDIS_URL, the PATH or embedded-redis" : server)
                + (keyspaceEvents.isEmpty() ? "" : ", notify-keyspace-events " + keyspaceEvents);
    }
}
