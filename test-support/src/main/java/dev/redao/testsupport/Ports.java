package dev.redao.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free loopback ports, chosen by the OS so that test JVMs running side by side do not pick the same
 * ones. A port is free when we look; whoever binds it later must retry if it was taken meanwhile.
 */
final class Ports {

    /** Redis Cluster listens for its bus on the client port plus this, a fixed offset before Redis 7. */
    static final int CLUSTER_BUS_OFFSET = 10000;
    private static final int ATTEMPTS = 100;

    private Ports() {
    }

    /** Binds port 0 to let the OS pick a free port, then releases it for redis-server. */
    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }

    /** A free port whose cluster bus port ({@link #CLUSTER_BUS_OFFSET} higher) is free too, and exists. */
    static int freeClusterPort() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freeLoopbackPort();
            if (port + CLUSTER_BUS_OFFSET <= 65535 && isFree(port + CLUSTER_BUS_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("No free 127.0.0.1 port below " + (65536 - CLUSTER_BUS_OFFSET)
                + " with its cluster bus port free, " + ATTEMPTS + " attempts");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, loopback())) {
            return socket.isBound();
        } catch (IOException taken) {
            return false;
        }
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    }
}
