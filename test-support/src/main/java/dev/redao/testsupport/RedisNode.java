package dev.redao.testsupport;

/**
 * One server of a {@link RedisCluster} or a {@link RedisSentinels} setup: where it listens. It names
 * the process, whatever role the server has at the moment (a replica may be promoted, a killed master
 * comes back as a replica).
 *
 * <p>{@link #toString()} is {@code host:port}, the form clients and {@code redis-cli} take.
 */
public record RedisNode(String host, int port) {

    /**
     * A node's address.
     *
     * @param host its host name or IP address
     * @param port its port, 1 to 65535
     */
    public RedisNode {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    static RedisNode loopback(int port) {
        return new RedisNode("127.0.0.1", port);
    }

    /** {@return {@code host:port}} */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return address();
    }
}
