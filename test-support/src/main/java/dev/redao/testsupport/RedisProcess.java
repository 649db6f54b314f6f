package dev.redao.testsupport;

import dev.redao.runtime.RedisUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One redis-server process we started: on 127.0.0.1 and a free port, with no persistence and a
 * throw-away working directory, and stopped for sure by {@link #stop()} or, failing that, when the JVM
 * exits. It can be {@linkplain #kill() killed} and {@linkplain #restart() restarted} on the same port
 * and directory, as a crashed cluster node or sentinel comes back with its own state files.
 */
final class RedisProcess {

    private static final Logger LOG = LoggerFactory.getLogger(RedisProcess.class);

    static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    /** Another process may grab the port between our probe closing it and redis-server binding it. */
    private static final int BIND_ATTEMPTS = 5;
    private static final int LOG_TAIL_LINES = 30;
    /**
     * For servers with replicas: a replica's first sync streams from memory at once, where by default
     * Redis 7 waits 5 s for more replicas to share it and Redis 6 writes an RDB file first.
     */
    static final List<String> QUICK_FIRST_SYNC = List.of("--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0");

    /**
     * What a server gets besides the options every server gets (port, loopback, no persistence, its
     * directory): a configuration file written to its directory before the first start, and more
     * command-line arguments.
     *
     * @param configFileName the file's name, or null for none; it is passed as the first argument, which
     *     is where redis-server looks for it, and it is written once so that a restarted server reads
     *     what it rewrote (sentinels keep their state there)
     */
    record ServerConfig(String configFileName, String configFileText, List<String> arguments) {

        static final ServerConfig PLAIN = new ServerConfig(null, null, List.of());

        ServerConfig {
            arguments = List.copyOf(arguments);
        }

        static ServerConfig arguments(List<String> arguments) {
            return new ServerConfig(null, null, arguments);
        }
    }

    private final Path binary;
    private final ServerConfig config;
    private final int port;
    private final Path dir;
    private final Path log;
    private final Duration readyTimeout;
    private volatile Process process;
    /** Where the output of the current run begins in {@link #log}, which keeps that of earlier runs. */
    private volatile long logStart;
    /** Stops the server if the JVM exits first: child processes otherwise outlive it. */
    private final Thread reaper;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Map<String, String> serverInfo = Map.of();

    private RedisProcess(Path binary, ServerConfig config, int port, Path dir, Duration readyTimeout) {
        this.binary = binary;
        this.config = config;
        this.port = port;
        this.dir = dir;
        this.log = dir.resolve("redis.log");
        this.readyTimeout = readyTimeout;
        this.reaper = new Thread(this::stop, "redao-redis-stop-" + port);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    static RedisProcess launch(Path binary) {
        return launch(binary, ServerConfig.PLAIN, Ports::freeLoopbackPort, READY_TIMEOUT);
    }

    static RedisProcess launch(Path binary, IntSupplier ports, Duration readyTimeout) {
        return launch(binary, ServerConfig.PLAIN, ports, readyTimeout);
    }

    /**
     * Starts {@code binary} and returns once it answers PING as the process we started.
     *
     * @param ports where to try to listen; asked again when a port turns out to be taken
     * @throws IllegalStateException if the server exits or stays silent; the message has its output
     */
    static RedisProcess launch(Path binary, ServerConfig config, IntSupplier ports, Duration readyTimeout) {
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            RedisProcess server = create(binary, config, ports.getAsInt(), readyTimeout);
            try {
                if (server.run()) {
                    return server;
                }
                server.stop();
                LOG.debug("port {} was taken before redis-server could bind it; trying another", server.port);
            } catch (RuntimeException | Error e) {
                server.stop();
                throw e;
            }
        }
        throw new IllegalStateException(binary + " found every port taken, " + BIND_ATTEMPTS + " attempts in a row");
    }

    private static RedisProcess create(Path binary, ServerConfig config, int port, Duration readyTimeout) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("redao-redis-");
            if (config.configFileName() != null) {
                Files.writeString(dir.resolve(config.configFileName()), config.configFileText(), StandardCharsets.UTF_8);
            }
            return new RedisProcess(binary, config, port, dir, readyTimeout);
        } catch (IOException | RuntimeException e) { // RuntimeException: e.g. too late to add a shutdown hook
            deleteRecursively(dir);
            throw e instanceof IOException io ? new UncheckedIOException("Could not prepare a directory for " + binary, io)
                    : (RuntimeException) e;
        }
    }

    /**
     * Starts the process and waits until it answers as itself.
     *
     * @return false if it exited because its port (or its cluster bus port) was taken
     * @throws IllegalStateException if it failed otherwise; the process is gone, its directory kept
     */
    private boolean run() {
        logStart = log.toFile().length();
        Process started = spawn();
        process = started;
        try {
            // Checking process_id makes sure we talk to our server, not something else on the port.
            String pid = Long.toString(started.pid());
            Map<String, String> info = Readiness.awaitInfo(endpoint(), readyTimeout,
                    () -> !started.isAlive(), fields -> pid.equals(fields.get("process_id")));
            if (info != null) {
                serverInfo = info;
                LOG.debug("started {} (Redis {}) on port {}", binary, info.get("redis_version"), port);
                return true;
            }
            String output = logTail();
            if (output.contains("already in use")) {
                return false;
            }
            throw new IllegalStateException(binary + " exited with code " + started.exitValue()
                    + " before answering PING on port " + port + ". Its output:\n" + output);
        } catch (TimeoutException e) {
            kill();
            throw new IllegalStateException(binary + " did not become ready: " + e.getMessage()
                    + ". Its output:\n" + logTail(), e);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + binary + " to start", e);
        } catch (JedisDataException e) {
            kill();
            throw new IllegalStateException(binary + " refused PING / INFO: " + e.getMessage()
                    + ". Its output:\n" + logTail(), e);
        }
    }

    private Process spawn() {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        if (config.configFileName() != null) {
            command.add(dir.resolve(config.configFileName()).toString());
        }
        command.addAll(List.of(
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",            // no RDB snapshots ...
                "--appendonly", "no",    // ... and no AOF: test data never touches the disk
                "--daemonize", "no",     // we must own the process to stop it
                "--dir", dir.toString()));
        command.addAll(config.arguments());
        try {
            // To a file rather than a pipe: nobody has to drain it, and the tail is there when start-up fails.
            // Appended, so that after a restart it still shows why the previous run ended.
            return new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + binary, e);
        }
    }

    int port() {
        return port;
    }

    RedisUrl endpoint() {
        return Connections.loopback(port);
    }

    /** INFO server as it answered when the server last became ready. */
    Map<String, String> serverInfo() {
        return serverInfo;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGKILL, as a crash or a pulled plug would end it: no goodbye to clients or to the rest of a
     * cluster. Waits (boundedly) until the process is gone; keeps its directory for {@link #restart()}.
     */
    void kill() {
        Process current = process;
        current.destroyForcibly();
        try {
            if (!current.waitFor(5, TimeUnit.SECONDS)) {
                LOG.warn("{} (pid {}) did not die after SIGKILL", binary, current.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a killed server again, on its port and in its directory, and waits until it answers.
     *
     * @throws IllegalStateException if it still runs, was stopped, or cannot start (its port taken by
     *     then, for one)
     */
    void restart() {
        if (stopped.get()) {
            throw new IllegalStateException("port " + port + " was stopped for good");
        }
        if (process.isAlive()) {
            throw new IllegalStateException("the server on port " + port + " still runs");
        }
        if (!run()) {
            throw new IllegalStateException("port " + port + " was taken while its server was down. Its output:\n" + logTail());
        }
    }

    /**
     * Stops the process and deletes its directory; safe to call more than once and from any thread.
     * Asks politely first (SHUTDOWN NOSAVE), then escalates, each step with a bounded wait.
     */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        Process current = process;
        try {
            if (current != null) {
                // While our process is alive it holds 127.0.0.1:port, so SHUTDOWN cannot reach another server.
                // If it could not be asked (hung, or not listening yet), do not wait for it to obey.
                boolean asked = current.isAlive() && askToShutDown();
                if (!current.waitFor(asked ? 5 : 0, TimeUnit.SECONDS)) {
                    current.destroy();
                    if (!current.waitFor(2, TimeUnit.SECONDS)) {
                        current.destroyForcibly();
                        if (!current.waitFor(5, TimeUnit.SECONDS)) {
                            LOG.warn("{} (pid {}) did not die after SIGKILL", binary, current.pid());
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // whatever went wrong above, the shutdown hook goes next, so nothing else would stop the process
            if (current != null && current.isAlive()) {
                current.destroyForcibly();
            }
            deleteRecursively(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException jvmShuttingDown) {
                // we are running in (or after) the shutdown hooks; nothing left to unregister
            }
        }
    }

    /**
     * @return whether the server took SHUTDOWN NOSAVE, which it shows by closing the connection without
     *     a reply; an answer means no (e.g. NOAUTH after a test set requirepass), and so does silence
     */
    private boolean askToShutDown() {
        Jedis jedis;
        try {
            jedis = Connections.open(port, Duration.ofSeconds(1));
        } catch (JedisException notListeningOrRefused) {
            return false;
        }
        try (jedis) {
            // not jedis.shutdown(), which takes a timeout for the closed connection it expects
            Object answer = jedis.sendCommand(Protocol.Command.SHUTDOWN, "NOSAVE");
            LOG.debug("SHUTDOWN answered {}", answer);
            return false;
        } catch (JedisDataException refused) {
            LOG.debug("SHUTDOWN refused: {}", refused.getMessage());
            return false;
        } catch (JedisConnectionException closed) { // EOF or connection reset: it is going down
            return !(closed.getCause() instanceof SocketTimeoutException);
        } catch (JedisException other) {
            LOG.debug("SHUTDOWN failed: {}", other.toString());
            return false;
        }
    }

    private String logTail() {
        return logTail(LOG_TAIL_LINES);
    }

    /** The last lines each server printed, for the message when several servers did not get where they should. */
    static String logTails(List<RedisProcess> servers, int lineCount) {
        StringBuilder tails = new StringBuilder();
        for (RedisProcess server : servers) {
            tails.append("\n--- port ").append(server.port).append(server.isAlive() ? "" : " (not running)").append(":\n")
                    .append(server.logTail(lineCount));
        }
        return tails.toString();
    }

    /** The last lines the server printed in its current run, for error messages. */
    String logTail(int lineCount) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, bytes.length);
            List<String> lines = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).lines().toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - lineCount), lines.size());
            return tail.isEmpty() ? "(no output)" : String.join("\n", tail);
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.debug("could not delete {}: {}", path, e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}: {}", dir, e);
        }
    }
}
