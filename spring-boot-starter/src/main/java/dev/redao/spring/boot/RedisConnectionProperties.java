package dev.redao.spring.boot;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The spring.data.redis.* properties that say where Redis is, bound by Redao itself: an
 * application needs neither Spring Data Redis nor Spring Boot's data-redis module for them, and the
 * names, defaults and precedence are Spring Boot's (Sentinel, then a cluster, then one server; a
 * url gives the server and the credentials). The client's own settings there (pools,
 * client-type, lettuce.*, jedis.*) are Spring Data Redis's and are not read.
 *
 * @param url redis://user:password@host:port/database (rediss:// for TLS); wins
 *     over host, port, database, username and password
 * @param host the server's host (default localhost)
 * @param port the server's port (default 6379)
 * @param database the database number (default 0)
 * @param username the user of the data servers
 * @param password the password of the data servers
 * @param timeout how long a connection and a call wait for the server (default 5 seconds)
 * @param ssl TLS
 * @param cluster a Redis Cluster
 * @param sentinel servers found through Sentinel
 * @param masterreplica static master and replicas, which Redao cannot use: refused
 */
@ConfigurationProperties("spring.data.redis")
public record RedisConnectionProperties(
        String url,
        @DefaultValue("localhost") String host,
        @DefaultValue("6379") int port,
        int database,
        String username,
        String password,
        Duration timeout,
        @DefaultValue Ssl ssl,
        Cluster cluster,
        Sentinel sentinel,
        Nodes masterreplica) {

    /**
     * TLS.
     *
     * @param enabled whether the connections use TLS; on by default when a bundle is named
     * @param bundle the name of the SSL bundle (spring.ssl.bundle.*) whose trust material
     *     checks the server's certificate; the JVM's default trust store when unset
     */
    public record Ssl(Boolean enabled, String bundle) {
        /** {@return whether the connections use TLS} */
        public boolean isEnabled() {
            return enabled != null ? enabled : bundle != null && !bundle.isBlank();
        }
    }

    /**
     * A Redis Cluster.
     *
     * @param nodes host:port of nodes, any reachable one of which finds the others
     */
    public record Cluster(List<String> nodes) {}

    /**
     * Sentinel.
     *
     * @param master the name of the service the sentinels watch
     * @param nodes host:port of the sentinels
     * @param username the user of the sentinels
     * @param password the password of the sentinels
     */
    public record Sentinel(String master, List<String> nodes, String username, String password) {}

    /**
     * A list of servers.
     *
     * @param nodes host:port of each
     */
    public record Nodes(List<String> nodes) {}
}
