package dev.redao.testsupport;

import dev.redao.runtime.RedisUrl;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;

/**
 * Single Jedis connections for this module's own calls (PING, INFO, SHUTDOWN, CLUSTER, SENTINEL):
 * one connection per use, no pool, since each call is short and many target a server that is
 * starting, dying or failing over.
 */
final class Connections {

    private static final String LOOPBACK = "127.0.0.1";

    private Connections() {
    }

    /** Every server this module starts listens on 127.0.0.1 without a password. */
    static RedisUrl loopback(int port) {
        return RedisUrl.parse("redis://" + LOOPBACK + ":" + port);
    }

    /**
     * Connects, and logs in if the URL carries a password; {@code timeout} bounds the connect and every
     * read. Jedis connects here, so a server that is not listening throws
     * {@link redis.clients.jedis.exceptions.JedisConnectionException} at once.
     */
    static Jedis open(RedisUrl endpoint, Duration timeout) {
        int millis = Math.toIntExact(Math.max(1, timeout.toMillis()));
        // RESP2 without a HELLO, which would cost a round trip per poll and which a server with a
        // password refuses before AUTH
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .autoNegotiateProtocol(false)
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                // CLIENT SETINFO would add a round trip to every poll, and Redis before 7.2 refuses it
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .user(endpoint.user())
                .password(endpoint.password());
        if (endpoint.tls()) {
            // the JDK's trusted certificates, and the host name checked against the certificate
            config.sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
        }
        return new Jedis(new HostAndPort(endpoint.host(), endpoint.port()), config.build());
    }

    static Jedis open(int loopbackPort, Duration timeout) {
        return open(loopback(loopbackPort), timeout);
    }

    /** {@code INFO section} as a map of its {@code key:value} lines (section headers dropped). */
    static Map<String, String> info(Jedis jedis, String section) {
        return infoFields(jedis.info(section));
    }

    static Map<String, String> infoFields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }
}
