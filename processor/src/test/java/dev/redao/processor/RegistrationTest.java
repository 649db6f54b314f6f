package dev.redao.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/** javac finds the processor through its service file, and Gradle runs it incrementally. */
class RegistrationTest {

    @Test
    void serviceFileNamesTheProcessor() throws IOException {
        List<String> lines = lines(ownResource("META-INF/services/javax.annotation.processing.Processor"));
        assertEquals(List.of(RedaoProcessor.class.getName()), lines);

        List<Class<?>> found = ServiceLoader.load(Processor.class).stream()
                .map(ServiceLoader.Provider::type)
                .collect(Collectors.toList());
        assertTrue(found.contains(RedaoProcessor.class), () -> "ServiceLoader finds only " + found);
    }

    /**
     * Aggregating, not isolating: a model's DAO depends on the models that reference it (its
     * delete follows their references), so one source file's output depends on others.
     */
    @Test
    void processorIsAggregatingForGradle() throws IOException {
        List<String> lines = lines(ownResource("META-INF/gradle/incremental.annotation.processors"));
        assertEquals(List.of(RedaoProcessor.class.getName() + ",aggregating"), lines);
    }

    /** The resource of the processor's own output, not of some other jar on the class path. */
    private static URL ownResource(String name) throws IOException {
        URL classes = RedaoProcessor.class.getProtectionDomain().getCodeSource().getLocation();
        for (URL url : java.util.Collections.list(RedaoProcessor.class.getClassLoader().getResources(name))) {
            if (url.toString().startsWith(classes.toString()) || url.toString().startsWith("jar:" + classes)) {
                return url;
            }
        }
        throw new AssertionError(name + " is not in " + classes);
    }

    private static List<String> lines(URL url) throws IOException {
        assertNotNull(url);
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toList());
        }
    }
}
