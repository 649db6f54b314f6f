package dev.redao.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    static Object call(LocalRedis redis, String... command) throws IOException {
        try (RespClient client = redis.connectRaw()) {
            return client.call(command);
        }
    }

    static Map<String, String> infoServer(LocalRedis redis) throws IOException {
        try (RespClient client = redis.connectRaw()) {
            return client.info("server");
        }
    }

    /** CONFIG GET for one parameter; the reply is [name, value]. */
    static String config(LocalRedis redis, String parameter) throws IOException {
        List<?> reply = (List<?>) call(redis, "CONFIG", "GET", parameter);
        if (reply.size() != 2) {
            throw new IllegalStateException("CONFIG GET " + parameter + " returned " + reply);
        }
        return (String) reply.get(1);
    }
}
