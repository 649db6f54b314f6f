package dev.redao.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisBinariesTest {

    @TempDir
    Path tmp;

    @Test
    void findsTheFirstExecutableRedisServerInPathOrder() throws IOException {
        assumeFalse(Testing.WINDOWS, "uses POSIX executable bits");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path notExecutable = Files.createDirectories(tmp.resolve("not-executable"));
        Files.writeString(notExecutable.resolve("redis-server"), "#!/bin/sh\n");
        Path first = Files.createDirectories(tmp.resolve("first"));
        Testing.script(first.resolve("redis-server"), "exit 0");
        Path second = Files.createDirectories(tmp.resolve("second"));
        Testing.script(second.resolve("redis-server"), "exit 0");

        String path = String.join(File.pathSeparator,
                tmp.resolve("missing").toString(), "", empty.toString(), notExecutable.toString(),
                first.toString(), second.toString());

        assertEquals(Optional.of(first.resolve("redis-server")), RedisBinaries.findOn(path));
    }

    @Test
    void nothingFoundOnAnEmptyOrUselessPath() {
        assertEquals(Optional.empty(), RedisBinaries.findOn(null));
        assertEquals(Optional.empty(), RedisBinaries.findOn(""));
        assertEquals(Optional.empty(), RedisBinaries.findOn(tmp.toString()));
    }

    @Test
    void embeddedBinaryComesFromTheJarAndRuns() throws Exception {
        Path binary = RedisBinaries.embedded();

        assertTrue(Files.isRegularFile(binary) && Files.isExecutable(binary), binary::toString);
        assertTrue(binary.getFileName().toString().startsWith("redis-server-"), binary::toString);
        assertEquals(binary, RedisBinaries.embedded(), "extracted once per JVM");
        Optional<Path> onPath = RedisBinaries.findOnPath();
        if (onPath.isPresent()) {
            assertFalse(Files.isSameFile(onPath.get(), binary));
        }
        assertTrue(Testing.versionPrintedBy(binary).matches("\\d+\\.\\d+\\.\\d+"));
    }
}
