package dev.redao.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import redis.embedded.core.ExecutableProvider;

/** Where a {@code redis-server} executable comes from: the PATH, or the embedded-redis jar. */
final class RedisBinaries {

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /** The embedded binary, extracted once per JVM: it is ~10 MB and every extraction is a new temp dir. */
    private static Path extracted;

    private RedisBinaries() {
    }

    /**
     * The binary for servers the tests start themselves, as {@link LocalRedis#startOwn()} chooses it:
     * the embedded one under {@code -Dredao.redis.server=embedded}, else {@code redis-server} from the
     * PATH, else the embedded one.
     */
    static Path forOwnServers() {
        if ("embedded".equals(System.getProperty(LocalRedis.SERVER_PROPERTY))) {
            return embedded();
        }
        return findOnPath().orElseGet(RedisBinaries::embedded);
    }

    /** {@code redis-server} from the PATH environment variable, the first executable one in PATH order. */
    static Optional<Path> findOnPath() {
        return findOn(System.getenv("PATH"));
    }

    /** Scans the entries of a PATH-style string ourselves, rather than shelling out to {@code which}. */
    static Optional<Path> findOn(String pathVariable) {
        if (pathVariable == null || pathVariable.isBlank()) {
            return Optional.empty();
        }
        List<String> names = WINDOWS ? List.of("redis-server.exe", "redis-server") : List.of("redis-server");
        for (String entry : pathVariable.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            for (String name : names) {
                try {
                    Path candidate = Path.of(entry.strip()).resolve(name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return Optional.of(candidate.toAbsolutePath());
                    }
                } catch (InvalidPathException ignored) {
                    // a malformed PATH entry cannot hold redis-server; look at the next one
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code binary} is the embedded one, as {@link #embedded()} extracted it (without extracting it). */
    static synchronized boolean isEmbedded(Path binary) {
        return binary.equals(extracted);
    }

    /**
     * The redis-server binary shipped inside the embedded-redis jar for this OS and CPU, written to a
     * temp dir by the library (which deletes it when the JVM exits).
     *
     * <p>We use the library only for this and run the binary ourselves: its own {@code RedisServer.start()}
     * waits for a log line with no time limit and hides the {@link Process}, so it could neither honour
     * our bounded start-up nor guarantee the process is gone after close.
     *
     * @throws IllegalStateException if the jar has no binary for this platform or it cannot be written
     */
    static synchronized Path embedded() {
        if (extracted == null || !Files.isExecutable(extracted)) {
            try {
                extracted = ExecutableProvider.newJarResourceProvider().get().toPath();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("embedded-redis has no usable redis-server for "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                        + "; install redis-server or set REDIS_URL", e);
            }
        }
        return extracted;
    }
}
