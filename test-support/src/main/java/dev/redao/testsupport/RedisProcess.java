package dev.redao.testsupport;

import dev.redao.runtime.RedisUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One redis-server process we started: on 127.0.0.1 and a free port, with no persistence and a
 * throw-away working directory, and stopped for sure by {@link #stop()} or, failing that, when the JVM
 * exits.
 */
final class RedisProcess {

    private static final System.Logger LOG = System.getLogger(RedisProcess.class.getName());

    static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    /** Another process may grab the port between our probe closing it and redis-server binding it. */
    private static final int BIND_ATTEMPTS = 5;
    private static final int LOG_TAIL_LINES = 30;

    private final Path binary;
    private final int port;
    private final Path dir;
    private final Path log;
    private final Process process;
    /** Stops the server if the JVM exits first: child processes otherwise outlive it. */
    private final Thread reaper;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private Map<String, String> serverInfo = Map.of();

    private RedisProcess(Path binary, int port, Path dir, Path log, Process process) {
        this.binary = binary;
        this.port = port;
        this.dir = dir;
        this.log = log;
        this.process = process;
        this.reaper = new Thread(this::stop, "redao-redis-stop-" + port);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    static RedisProcess launch(Path binary) {
        return launch(binary, RedisProcess::freeLoopbackPort, READY_TIMEOUT);
    }

    /**
     * Starts {@code binary} and returns once it answers PING as the process we started.
     *
     * @param ports where to try to listen; asked again when a port turns out to be taken
     * @throws IllegalStateException if the server exits or stays silent; the message has its output
     */
    static RedisProcess launch(Path binary, IntSupplier ports, Duration readyTimeout) {
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            RedisProcess server = spawn(binary, ports.getAsInt());
            try {
                // Checking process_id makes sure we talk to our server, not something else on the port.
                String pid = Long.toString(server.process.pid());
                Map<String, String> info = Readiness.awaitInfo(server.endpoint(), readyTimeout,
                        () -> !server.process.isAlive(), fields -> pid.equals(fields.get("process_id")));
                if (info != null) {
                    server.serverInfo = info;
                    LOG.log(Level.DEBUG, "started {0} (Redis {1}) on port {2}", binary, info.get("redis_version"), server.port);
                    return server;
                }
                String output = server.logTail();
                int exitCode = server.process.exitValue();
                server.stop();
                if (!output.contains("already in use")) {
                    throw new IllegalStateException(binary + " exited with code " + exitCode
                            + " before answering PING on port " + server.port + ". Its output:\n" + output);
                }
                LOG.log(Level.DEBUG, "port {0} was taken before redis-server could bind it; trying another", server.port);
            } catch (TimeoutException e) {
                String output = server.logTail();
                server.stop();
                throw new IllegalStateException(binary + " did not become ready: " + e.getMessage()
                        + ". Its output:\n" + output, e);
            } catch (InterruptedException e) {
                server.stop();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + binary + " to start", e);
            } catch (JedisDataException e) {
                String output = server.logTail();
                server.stop();
                throw new IllegalStateException(binary + " refused PING / INFO: " + e.getMessage()
                        + ". Its output:\n" + output, e);
            } catch (RuntimeException | Error e) {
                server.stop();
                throw e;
            }
        }
        throw new IllegalStateException(binary + " found every port taken, " + BIND_ATTEMPTS + " attempts in a row");
    }

    private static RedisProcess spawn(Path binary, int port) {
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("redao-redis-");
            Path log = dir.resolve("redis.log");
            List<String> command = List.of(binary.toString(),
                    "--port", Integer.toString(port),
                    "--bind", "127.0.0.1",
                    "--save", "",            // no RDB snapshots ...
                    "--appendonly", "no",    // ... and no AOF: test data never touches the disk
                    "--daemonize", "no",     // we must own the process to stop it
                    "--dir", dir.toString());
            // To a file rather than a pipe: nobody has to drain it, and the tail is there when start-up fails.
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new RedisProcess(binary, port, dir, log, process);
        } catch (IOException | RuntimeException e) { // RuntimeException: e.g. too late to add a shutdown hook
            if (process != null) {
                process.destroyForcibly();
            }
            deleteRecursively(dir);
            throw e instanceof IOException io ? new UncheckedIOException("Could not start " + binary, io) : (RuntimeException) e;
        }
    }

    int port() {
        return port;
    }

    RedisUrl endpoint() {
        return Connections.loopback(port);
    }

    /** INFO server as it answered when the server became ready. */
    Map<String, String> serverInfo() {
        return serverInfo;
    }

    /**
     * Stops the process and deletes its directory; safe to call more than once and from any thread.
     * Asks politely first (SHUTDOWN NOSAVE), then escalates, each step with a bounded wait.
     */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            // While our process is alive it holds 127.0.0.1:port, so SHUTDOWN cannot reach another server.
            // If it could not be asked (hung, or not listening yet), do not wait for it to obey.
            boolean asked = process.isAlive() && askToShutDown();
            if (!process.waitFor(asked ? 5 : 0, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        LOG.log(Level.WARNING, "{0} (pid {1}) did not die after SIGKILL", binary, process.pid());
                    }
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
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
        } catch (JedisConnectionException | JedisDataException notListeningOrRefused) {
            return false;
        }
        try (jedis) {
            // not jedis.shutdown(), which takes a timeout for the closed connection it expects
            Object answer = jedis.sendCommand(Protocol.Command.SHUTDOWN, "NOSAVE");
            LOG.log(Level.DEBUG, "SHUTDOWN answered {0}", answer);
            return false;
        } catch (JedisDataException refused) {
            LOG.log(Level.DEBUG, "SHUTDOWN refused: {0}", refused.getMessage());
            return false;
        } catch (JedisConnectionException closed) { // EOF or connection reset: it is going down
            return !(closed.getCause() instanceof SocketTimeoutException);
        }
    }

    /** The last lines the server printed, for error messages. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return tail.isEmpty() ? "(no output)" : String.join("\n", tail);
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    /** Binds port 0 to let the OS pick a free port, then releases it for redis-server. */
    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
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
                    LOG.log(Level.DEBUG, "could not delete {0}: {1}", path, e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.DEBUG, "could not delete {0}: {1}", dir, e);
        }
    }
}
