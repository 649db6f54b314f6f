package dev.redao.runtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * What a {@link RedisStore} is underneath, for every part of Redao that talks to the server: the
 * pool, the namespace, the JSON codec, and the calls that turn what Jedis throws into
 * {@link RedaoException}s. The store shows users only what they call; Redao's own parts call this.
 */
public final class StoreConnection implements AutoCloseable {
    /** Scripts use features of Redis 6.2 (ZRANGESTORE, GETDEL, the Lua error conventions). */
    static final String MINIMUM_VERSION = "6.2";

    private final RedisUrl url;
    private final JedisPool pool;
    private final Json json;
    private final JedisClientConfig subscriberConfig;
    /** The SHA-1s of the scripts this store has sent as text, which Redis has cached since (unless flushed). */
    private final Set<String> sent = ConcurrentHashMap.newKeySet();

    private StoreConnection(RedisUrl url, JedisPool pool, Json json, JedisClientConfig subscriberConfig) {
        this.url = url;
        this.pool = pool;
        this.json = json;
        this.subscriberConfig = subscriberConfig;
    }

    /** Opens the pool, checks that the server answers and is recent enough, and fails fast otherwise. */
    public static StoreConnection open(RedisUrl url, ObjectMapper mapper, SSLSocketFactory tls) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .database(url.database())
                .timeoutMillis(url.timeoutMillis())
                .ssl(url.tls())
                .clientName("redao")
                // RESP2, said outright: the classic Jedis client speaks nothing else, and left to
                // negotiate it logs a warning for every new connection
                .protocol(RedisProtocol.RESP2);
        if (url.password() != null) {
            config.user(url.user()).password(url.password());
        }
        if (url.tls()) {
            SSLParameters parameters = new SSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            config.sslParameters(parameters);
            if (tls != null) {
                config.sslSocketFactory(tls);
            }
        }
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(url.poolSize());
        poolConfig.setMaxIdle(url.poolSize());
        poolConfig.setJmxEnabled(false);
        JedisPool pool = new JedisPool(poolConfig, new HostAndPort(url.host(), url.port()), config.build());
        // the pub/sub connection says what it is in CLIENT LIST
        JedisClientConfig subscriberConfig = config.clientName("redao-pubsub").build();
        StoreConnection connection = new StoreConnection(url, pool, new Json(mapper), subscriberConfig);
        try {
            connection.checkServer();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return connection;
    }

    private void checkServer() {
        String info = execute(jedis -> jedis.info("server"));
        String version = ServerInfo.parse(info).get("redis_version");
        if (version == null || ServerInfo.compareVersions(version, MINIMUM_VERSION) < 0) {
            throw new RedaoException("Redis at " + url.address() + " is version " + version
                    + "; Redao needs " + MINIMUM_VERSION + " or later");
        }
    }

    public RedisUrl url() {
        return url;
    }

    /** The namespace's name, empty for none. */
    public String namespace() {
        return url.namespace();
    }

    /** The codec of fields and messages stored as JSON. */
    public Json json() {
        return json;
    }

    /** The settings of the dedicated pub/sub connection, which never comes from the pool. */
    public JedisClientConfig subscriberConfig() {
        return subscriberConfig;
    }

    public HostAndPort hostAndPort() {
        return new HostAndPort(url.host(), url.port());
    }

    /**
     * Runs {@code work} on a pooled connection. What Jedis throws becomes a {@link RedaoException};
     * any other exception of {@code work} passes as it is.
     */
    public <R> R execute(Function<Jedis, R> work) {
        return execute(work, "the command", null);
    }

    /**
     * As {@link #execute(Function)}; a WRONGTYPE reply becomes a {@link CorruptDataException}
     * naming {@code key}, for the DAO's direct reads of its own keys.
     */
    public <R> R execute(Function<Jedis, R> work, byte[] key) {
        try (Jedis jedis = borrow()) {
            return work.apply(jedis);
        } catch (JedisException e) {
            // the key's name is made only here: these reads are the DAO's fastest path
            String name = new String(key, StandardCharsets.UTF_8);
            throw RedisErrors.command(url.address(), e, "a command on key '" + name + "'",
                    reason -> new CorruptDataException("key '" + name + "' holds the wrong type of value: " + reason));
        }
    }

    /**
     * As {@link #execute(Function)}, naming the call as {@code what} in messages.
     *
     * @param wrongType the exception for a WRONGTYPE reply, given Redis's words; null for a plain refusal
     */
    public <R> R execute(Function<Jedis, R> work, String what, Function<String, RedaoException> wrongType) {
        try (Jedis jedis = borrow()) {
            return work.apply(jedis);
        } catch (JedisException e) {
            throw RedisErrors.command(url.address(), e, what, wrongType);
        }
    }

    private Jedis borrow() {
        try {
            return pool.getResource();
        } catch (JedisException e) {
            if (pool.isClosed()) {
                throw new IllegalStateException("the store is closed", e);
            }
            throw RedisErrors.connecting(url, e);
        }
    }

    /**
     * Runs a script in one round trip: its first call from this store sends the text with EVAL,
     * which also caches it in Redis, and later calls send only the SHA-1 with EVALSHA. After a
     * restart or SCRIPT FLUSH, Redis answers NOSCRIPT and the text goes once more. Errors that a
     * script raises with a {@code REDAO-} tag become typed exceptions, as do the server's conditions.
     */
    public Object eval(Script script, List<byte[]> keys, List<byte[]> args) {
        try (Jedis jedis = borrow()) {
            if (sent.add(script.sha1())) {
                return jedis.eval(script.text(), keys, args);
            }
            try {
                return jedis.evalsha(script.sha(), keys, args);
            } catch (JedisNoScriptException e) {
                return jedis.eval(script.text(), keys, args);
            }
        } catch (JedisException e) {
            throw RedisErrors.script(url.address(), e, script);
        }
    }

    /** Closes the pool. */
    @Override
    public void close() {
        try {
            pool.close();
        } catch (JedisException e) {
            throw RedisErrors.command(url.address(), e, "closing the pool", null);
        }
    }
}
