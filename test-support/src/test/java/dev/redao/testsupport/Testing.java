package dev.redao.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/** Helpers shared by this module's tests. */
final class Testing {

    static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private Testing() {
    }

    /** Writes an executable POSIX shell script. */
    static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        if (!file.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + file + " executable");
        }
        return file;
    }

    /** The version a redis-server binary reports for {@code --version}: "Redis server v=7.0.15 sha=...". */
    static String versionPrintedBy(Path binary) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(binary + " --version did not exit");
        }
        Matcher version = Pattern.compile("v=(\\S+)").matcher(output);
        if (!version.find()) {
            throw new IllegalStateException(binary + " --version printed: " + output);
        }
        return version.group(1);
    }

    static String ping(LocalRedis redis) {
        try (Jedis jedis = redis.connectRaw()) {
            return jedis.ping();
        }
    }

    static Map<String, String> infoServer(LocalRedis redis) {
        try (Jedis jedis = redis.connectRaw()) {
            return Connections.info(jedis, "server");
        }
    }

    /** CONFIG GET for one parameter. */
    static String config(LocalRedis redis, String parameter) {
        try (Jedis jedis = redis.connectRaw()) {
            Map<String, String> reply = jedis.configGet(parameter);
            if (reply.size() != 1 || !reply.containsKey(parameter)) {
                throw new IllegalStateException("CONFIG GET " + parameter + " returned " + reply);
            }
            return reply.get(parameter);
        }
    }
}
