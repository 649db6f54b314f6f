package dev.redao.testsupport;

import dev.redao.runtime.RedisUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A Redis server for tests, samples and benchmarks: an existing one named by {@code REDIS_URL}, or a
 * throw-away {@code redis-server} started on a free 127.0.0.1 port with persistence off.
 *
 * <pre>{@code
 * try (LocalRedis redis = LocalRedis.start()) {
 *     var jedis = new JedisPooled(redis.host(), redis.port());
 *     ...
 * }
 * }</pre>
 */
public final class LocalRedis implements AutoCloseable {

    /** Where the server came from. */
    public enum Source {
        /** An existing server named by the {@code redao.redis.url} system property or {@code REDIS_URL}. */
        ENV,
        /** {@code redis-server} found on the PATH, started by us. */
        PATH,
        /** The binary shipped in the embedded-redis jar, started by us. */
        EMBEDDED,
        /** A binary the caller named ({@link #startOwn(Path, String...)}), started by us. */
        BINARY
    }

    static final String URL_PROPERTY = "redao.redis.url";
    static final String SERVER_PROPERTY = "redao.redis.server";
    static final String URL_ENV = "REDIS_URL";

    private static LocalRedis shared;

    private final Source source;
    private final String url;
    private final RedisUrl endpoint;
    private final String version;
    /** null for {@link Source#ENV}: we did not start that server, so we never stop it. */
    private final RedisProcess process;
    /** The {@link #shared()} instance ignores close(): one test closing it must not break the rest. */
    private final boolean isShared;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalRedis(Source source, String url, RedisUrl endpoint, String version, RedisProcess process, boolean isShared) {
        this.source = source;
        this.url = url;
        this.endpoint = endpoint;
        this.version = version;
        this.process = process;
        this.isShared = isShared;
    }

    /**
     * The {@code redao.redis.url} system property or else the {@code REDIS_URL} environment variable, if
     * set (the property wins, being the more deliberate, per-JVM choice); else {@code redis-server} from
     * the PATH started on a free loopback port; else the binary shipped in the embedded-redis package,
     * which {@code -Dredao.redis.server=embedded} also chooses when Redis is on the PATH.
     *
     * @return the server, answering
     * @throws IllegalStateException if the chosen server cannot be reached or started
     */
    public static LocalRedis start() {
        return start(false);
    }

    /**
     * Forces the binary shipped in the embedded-redis Maven package (so CI exercises the fallback
     * even where redis-server is installed).
     *
     * @return the started server
     */
    public static LocalRedis startEmbedded() {
        return launch(RedisBinaries.embedded(), Source.EMBEDDED, false);
    }

    /**
     * Forces {@code redis-server} from the PATH.
     *
     * @return the started server
     * @throws IllegalStateException if there is none
     */
    public static LocalRedis startFromPath() {
        Path binary = RedisBinaries.findOnPath().orElseThrow(() -> new IllegalStateException(
                "No executable redis-server on the PATH (" + System.getenv("PATH") + "). Install Redis"
                        + " (e.g. apt-get install redis-server, brew install redis) or use LocalRedis.startEmbedded()."));
        return launch(binary, Source.PATH, false);
    }

    /**
     * A server of the caller's own, for tests that stop, fill or reconfigure it (a replica, a
     * memory limit, a blocked server): started from the binary {@link #start()} would run, the
     * embedded one under {@code -Dredao.redis.server=embedded}, even when {@code REDIS_URL} names a
     * server, which such a test must not change.
     *
     * @return the started server
     */
    public static LocalRedis startOwn() {
        return startOwn(new String[0]);
    }

    /**
     * As {@link #startOwn()}, with more {@code redis-server} arguments, which come after the
     * defaults and so override them: {@code startOwn("--appendonly", "yes", "--appendfsync", "always")}
     * for a server whose data outlives a {@link #kill()}.
     *
     * @param arguments more {@code redis-server} arguments
     * @return the started server
     */
    public static LocalRedis startOwn(String... arguments) {
        RedisProcess.ServerConfig config = RedisProcess.ServerConfig.arguments(List.of(arguments));
        if ("embedded".equals(System.getProperty(SERVER_PROPERTY))) {
            return launch(RedisBinaries.embedded(), Source.EMBEDDED, config, false);
        }
        return RedisBinaries.findOnPath()
                .map(binary -> launch(binary, Source.PATH, config, false))
                .orElseGet(() -> launch(RedisBinaries.embedded(), Source.EMBEDDED, config, false));
    }

    /**
     * As {@link #startOwn(String...)}, from {@code binary}: a {@code redis-server} of another
     * version than the PATH's, say, or {@link #embeddedBinary()}.
     *
     * @param binary the {@code redis-server} executable
     * @param arguments more {@code redis-server} arguments, after the defaults
     * @return the started server
     * @throws IllegalStateException if {@code binary} is no executable file, or the server does not start
     */
    public static LocalRedis startOwn(Path binary, String... arguments) {
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new IllegalStateException("No executable redis-server at " + binary.toAbsolutePath());
        }
        Source source = RedisBinaries.isEmbedded(binary) ? Source.EMBEDDED : Source.BINARY;
        return launch(binary, source, RedisProcess.ServerConfig.arguments(List.of(arguments)), false);
    }

    /**
     * The binary {@link #startOwn()}, {@link RedisCluster} and {@link RedisSentinels} run: the
     * embedded one under {@code -Dredao.redis.server=embedded}, else {@code redis-server} from the
     * PATH, else the embedded one.
     *
     * @return the path of the executable
     * @throws IllegalStateException if the embedded one is needed and has no binary for this platform
     */
    public static Path ownServerBinary() {
        return RedisBinaries.forOwnServers();
    }

    /**
     * The {@code redis-server} shipped in the embedded-redis Maven package (Redis 6.2 for Linux,
     * macOS and Windows), written to a temporary directory once per JVM.
     *
     * @return the path of the executable
     * @throws IllegalStateException if the package has no binary for this platform
     */
    public static Path embeddedBinary() {
        return RedisBinaries.embedded();
    }

    /**
     * One server per JVM, chosen as by {@link #start()} on first use and stopped by a shutdown hook
     * when the JVM exits (every server this class starts has one). Its {@link #close()} does nothing,
     * so it can be handed to code that closes what it is given.
     *
     * @return the JVM's server
     */
    public static synchronized LocalRedis shared() {
        if (shared == null) {
            shared = start(true);
        }
        return shared;
    }

    /** {@return {@code redis://127.0.0.1:<port>} for servers we start; for {@link Source#ENV} the URL exactly as given} */
    public String url() {
        return url;
    }

    /** {@return the host the server listens on} */
    public String host() {
        return endpoint.host();
    }

    /** {@return the port the server listens on} */
    public int port() {
        return endpoint.port();
    }

    /** {@return where the server came from} */
    public Source source() {
        return source;
    }

    /** {@return {@code redis_version} from {@code INFO server}, e.g. {@code "7.0.15"}} */
    public String version() {
        return version;
    }

    /**
     * Stops the server if this object started it (waiting, boundedly, until the process is gone) and
     * deletes its directory. Never stops an {@link Source#ENV} server; does nothing for {@link #shared()}.
     * Idempotent.
     */
    /**
     * SIGKILL, as a crash would end the server: no goodbye to its clients, nothing saved on the way
     * out. Returns once the process is gone; its directory, with whatever it persisted, stays for
     * {@link #restart()}.
     *
     * @throws IllegalStateException for a server this object did not start, or the shared one
     */
    public void kill() {
        ownProcess("kill").kill();
    }

    /**
     * Starts a {@linkplain #kill() killed} server again, on its port and in its directory, with its
     * arguments, and returns once it answers (it may still be loading its data).
     *
     * @throws IllegalStateException for a server this object did not start, the shared one, one
     *     that still runs or was closed, or if it cannot start again
     */
    public void restart() {
        ownProcess("restart").restart();
    }

    private RedisProcess ownProcess(String action) {
        if (process == null || isShared) {
            throw new IllegalStateException("cannot " + action + " " + this + ": not a server of the caller's own");
        }
        return process;
    }

    @Override
    public void close() {
        if (!isShared) {
            stopServer();
        }
    }

    @Override
    public String toString() {
        return "LocalRedis[" + source + " " + endpoint + ", Redis " + version + "]"; // endpoint hides passwords
    }

    private void stopServer() {
        if (closed.compareAndSet(false, true) && process != null) {
            process.stop();
        }
    }

    private static LocalRedis start(boolean isShared) {
        String configured = configuredUrl();
        if (configured != null) {
            return connect(configured, isShared);
        }
        // -Dredao.redis.server=embedded runs a suite on the fallback a newcomer without Redis gets
        if ("embedded".equals(System.getProperty(SERVER_PROPERTY))) {
            return launch(RedisBinaries.embedded(), Source.EMBEDDED, isShared);
        }
        return RedisBinaries.findOnPath()
                .map(binary -> launch(binary, Source.PATH, isShared))
                .orElseGet(() -> launch(RedisBinaries.embedded(), Source.EMBEDDED, isShared));
    }

    private static String configuredUrl() {
        String property = System.getProperty(URL_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property.strip();
        }
        String env = System.getenv(URL_ENV);
        return env == null || env.isBlank() ? null : env.strip();
    }

    /**
     * Uses an existing server; waits (boundedly) for it, since a CI service container may still be starting.
     * The URL is read as {@code RedisStore} reads it (so {@code redis://secret@host} gives a password),
     * after dropping the white space an env file may leave around it.
     */
    static LocalRedis connect(String url, boolean isShared) {
        String given = url.strip();
        RedisUrl endpoint = RedisUrl.parse(given);
        try {
            Map<String, String> info = Readiness.awaitInfo(endpoint, RedisProcess.READY_TIMEOUT, () -> false, fields -> true);
            return new LocalRedis(Source.ENV, given, endpoint, versionOf(info), null, isShared);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The Redis server named by " + URL_PROPERTY + " / " + URL_ENV
                    + " is not answering: " + e.getMessage(), e);
        } catch (JedisDataException e) {
            throw new IllegalStateException("The Redis server named by " + URL_PROPERTY + " / " + URL_ENV
                    + " (" + endpoint + ") refused us: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + endpoint, e);
        }
    }

    private static LocalRedis launch(Path binary, Source source, boolean isShared) {
        return launch(binary, source, RedisProcess.ServerConfig.PLAIN, isShared);
    }

    private static LocalRedis launch(Path binary, Source source, RedisProcess.ServerConfig config, boolean isShared) {
        RedisProcess process = RedisProcess.launch(binary, config, Ports::freeLoopbackPort, RedisProcess.READY_TIMEOUT);
        RedisUrl endpoint = process.endpoint();
        return new LocalRedis(source, "redis://" + endpoint.host() + ":" + endpoint.port(), endpoint,
                versionOf(process.serverInfo()), process, isShared);
    }

    private static String versionOf(Map<String, String> serverInfo) {
        return serverInfo.getOrDefault("redis_version", "unknown");
    }

    /** A connection for this module's own tests; callers use their own client. */
    Jedis connectRaw() {
        return Connections.open(endpoint, Duration.ofSeconds(2));
    }
}
