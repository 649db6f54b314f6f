package dev.redao.benchmarks;

import dev.redao.processor.RedaoProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The processor's cost: javac time for many models with and without it, and the size of what it
 * generates per model. javac runs in this JVM, warmed up by one untimed compile each way.
 */
public final class ProcessorBenchmark {
    private static final int RUNS = 3;

    private ProcessorBenchmark() {}

    /** Only this part of the benchmarks: {@code -Dexec.mainClass=dev.redao.benchmarks.ProcessorBenchmark [-Dexec.args=models]}. */
    public static void main(String[] args) throws IOException {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 100);
    }

    static void run(int models) throws IOException {
        Path dir = Files.createTempDirectory("redao-processor-bench");
        try {
            List<Path> sources = writeModels(dir.resolve("src"), models);
            String classpath = classpath();
            compile(sources, dir, classpath, false);
            compile(sources, dir, classpath, true);
            Path generated = dir.resolve("generated");
            // the models and what the processor wrote, compiled without it: javac's own share
            List<Path> all = new ArrayList<>(sources);
            try (Stream<Path> walk = Files.walk(generated)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(all::add);
            }
            long[] without = new long[RUNS];
            long[] with = new long[RUNS];
            long[] generatedOnly = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                without[i] = compile(sources, dir, classpath, false);
                with[i] = compile(sources, dir, classpath, true);
                generatedOnly[i] = compile(all, dir, classpath, false);
            }
            long javaBytes = sizeOf(generated, ".java");
            long javaLines = linesOf(generated);
            long classBytes = sizeOf(dir.resolve("classes-with"), "Dao.class") + sizeOf(dir.resolve("classes-with"), "Query.class");
            System.out.println();
            System.out.printf("javac, %d models: %d ms without the processor, %d ms with it (median of %d)%n",
                    models, median(without), median(with), RUNS);
            System.out.printf("  of which compiling the generated classes: the same sources, written out, without the processor: %d ms%n",
                    median(generatedOnly));
            System.out.printf("generated per model (Dao + Query): %d lines, %.1f KB of source, %.1f KB of class files%n",
                    javaLines / models, javaBytes / 1024.0 / models, classBytes / 1024.0 / models);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<Path> writeModels(Path src, int count) throws IOException {
        Path pkg = src.resolve("bench/models");
        Files.createDirectories(pkg);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = pkg.resolve("Model" + i + ".java");
            Files.writeString(file, """
                    package bench.models;

                    import dev.redao.annotations.*;
                    import java.time.Instant;

                    @Model
                    public record Model%d(
                            @Id Long id,
                            @Unique String email,
                            @Indexed String country,
                            @Indexed int age,
                            String name,
                            double score,
                            @Indexed Instant createdAt) {}
                    """.formatted(i));
            files.add(file);
        }
        return files;
    }

    private static long compile(List<Path> sources, Path dir, String classpath, boolean withProcessor) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = dir.resolve(withProcessor ? "classes-with" : "classes-without");
        Path generated = dir.resolve("generated");
        Files.createDirectories(classes);
        Files.createDirectories(generated);
        List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-s", generated.toString(),
                "-classpath", classpath, "--release", "17"));
        if (!withProcessor) {
            options.add("-proc:none");
        }
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            long start = System.nanoTime();
            JavaCompiler.CompilationTask task = javac.getTask(null, files, null, options, null,
                    files.getJavaFileObjectsFromPaths(sources));
            if (withProcessor) {
                task.setProcessors(List.of(new RedaoProcessor()));
            }
            if (!task.call()) {
                throw new IllegalStateException("the benchmark's models did not compile");
            }
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    /** The jars (or class folders) of the annotations and the runtime, for the generated code. */
    private static String classpath() {
        List<Class<?>> anchors = List.of(dev.redao.annotations.Model.class, dev.redao.runtime.ModelDao.class,
                com.fasterxml.jackson.core.type.TypeReference.class);
        List<String> entries = new ArrayList<>();
        for (Class<?> anchor : anchors) {
            entries.add(Path.of(java.net.URI.create(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toString())).toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static long sizeOf(Path dir, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long linesOf(Path dir) throws IOException {
        long lines = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".java"))::iterator) {
                lines += Files.readAllLines(p).size();
            }
        }
        return lines;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
