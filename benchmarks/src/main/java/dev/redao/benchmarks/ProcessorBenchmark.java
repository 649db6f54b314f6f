package dev.redao.benchmarks;

import dev.redao.processor.RedaoProcessor;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The processor's cost: javac time for many models with and without it, and the size of what it
 * generates per model. Optionally compares this build with another checkout of Redao, built with
 * {@code mvn -DskipTests package -pl processor,runtime -am}, in the same run: the two alternate
 * round by round, so a machine that slows down slows both.
 *
 * <p>Three measures. <em>Warm</em>: javac runs in this JVM, as Maven's compiler plugin runs it, with
 * the processor loaded from its jar by javac for each compile; the first rounds are untimed.
 * <em>Cold</em>: a new {@code javac} process per compile, as a command-line build runs it.
 * <em>Resident processor</em>: javac in this JVM with the processor's classes loaded once and
 * kept, as a build daemon can keep them (and as this benchmark measured before it compared builds).
 */
public final class ProcessorBenchmark {
    private static final int WARM_UP_ROUNDS = 3;

    private ProcessorBenchmark() {}

    /**
     * Only this part of the benchmarks: {@code -Dexec.mainClass=dev.redao.benchmarks.ProcessorBenchmark
     * [-Dexec.args="models rounds [other checkout]"]}.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int models = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path other = args.length > 2 ? Path.of(args[2]) : null;
        run(models, rounds, other);
    }

    /** A processor and the jars its generated code compiles against. */
    private record Build(String name, String processorPath, String classpath, ClassLoader processorLoader) {
        Build(String name, String processorPath, String classpath) {
            this(name, processorPath, classpath, loaderOf(processorPath));
        }

        /** The processor path in a class loader of its own, which stays loaded: a resident processor. */
        private static ClassLoader loaderOf(String processorPath) {
            URL[] urls = Arrays.stream(processorPath.split(File.pathSeparator)).map(entry -> {
                try {
                    return Path.of(entry).toUri().toURL();
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException(entry, e);
                }
            }).toArray(URL[]::new);
            return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        }

        /** A new instance of the resident processor, as javac would find it on the processor path. */
        Processor residentProcessor() {
            return ServiceLoader.load(Processor.class, processorLoader).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no processor on " + processorPath));
        }

        static Build thisOne() {
            return new Build("this build",
                    join(locationOf(RedaoProcessor.class), locationOf(com.palantir.javapoet.JavaFile.class)),
                    join(locationOf(dev.redao.annotations.Model.class), locationOf(dev.redao.runtime.ModelDao.class),
                            locationOf(com.fasterxml.jackson.core.type.TypeReference.class)));
        }

        static Build checkout(Path root) throws IOException {
            return new Build(root.toString(),
                    join(jar(root, "processor"), locationOf(com.palantir.javapoet.JavaFile.class)),
                    join(jar(root, "annotations"), jar(root, "runtime"),
                            locationOf(com.fasterxml.jackson.core.type.TypeReference.class)));
        }

        private static String jar(Path root, String module) throws IOException {
            try (Stream<Path> files = Files.list(root.resolve(module).resolve("target"))) {
                return files.filter(p -> p.getFileName().toString().matches("redao-" + module + "-.*\\.jar"))
                        .filter(p -> !p.getFileName().toString().contains("-sources"))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no " + module + " jar under " + root
                                + ": build it with mvn -DskipTests package -pl processor,runtime -am"))
                        .toString();
            }
        }
    }

    /** One compile's cost: wall time and the CPU time of every thread of the process. */
    private record Cost(long wallMillis, long cpuMillis) {}

    static void run(int models, int rounds, Path other) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("redao-processor-bench");
        try {
            List<Path> sources = writeModels(dir.resolve("src"), models);
            List<Build> builds = new ArrayList<>(List.of(Build.thisOne()));
            if (other != null) {
                builds.add(Build.checkout(other));
            }
            long[][] warm = new long[builds.size()][rounds];
            long[][] resident = new long[builds.size()][rounds];
            long[][] cpu = new long[builds.size()][rounds];
            long[][] cold = new long[builds.size()][rounds];
            long[] without = new long[rounds];
            long[] generatedOnly = new long[rounds];
            List<Path> withGenerated = null;
            for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
                for (int b = 0; b < builds.size(); b++) {
                    Cost cost = compileWarm(sources, dir, builds.get(b), true);
                    Cost residentCost = compile(sources, dir, builds.get(b), Mode.RESIDENT_PROCESSOR);
                    if (round >= 0) {
                        warm[b][round] = cost.wallMillis();
                        resident[b][round] = residentCost.wallMillis();
                        cpu[b][round] = cost.cpuMillis();
                        cold[b][round] = compileCold(sources, dir, builds.get(b));
                    }
                }
                if (withGenerated == null) {
                    // what this build generates, written out: compiled without the processor it is
                    // javac's own share of the generated code
                    // (a copy: the other build writes its own sources where this one wrote them)
                    compileWarm(sources, dir, builds.get(0), true);
                    withGenerated = new ArrayList<>(sources);
                    Path copies = Files.createDirectories(dir.resolve("generated-copy"));
                    try (Stream<Path> walk = Files.walk(dir.resolve("generated"))) {
                        for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".java"))::iterator) {
                            withGenerated.add(Files.copy(p, copies.resolve(p.getFileName())));
                        }
                    }
                }
                Cost plain = compileWarm(sources, dir, builds.get(0), false);
                Cost generated = compileWarm(withGenerated, dir, builds.get(0), false);
                if (round >= 0) {
                    without[round] = plain.wallMillis();
                    generatedOnly[round] = generated.wallMillis();
                }
            }
            compileWarm(sources, dir, builds.get(0), true);
            Path generated = dir.resolve("generated");
            long javaBytes = sizeOf(generated, ".java");
            long javaLines = linesOf(generated);
            long classBytes = sizeOf(dir.resolve("classes-with"), "Dao.class") + sizeOf(dir.resolve("classes-with"), "Query.class");

            System.out.println();
            System.out.printf("javac, %d models, %d rounds after %d untimed: median [min-max] ms%n", models, rounds, WARM_UP_ROUNDS);
            System.out.printf("  without the processor: %s; its generated sources, written out, without it: %s%n",
                    spread(without), spread(generatedOnly));
            for (int b = 0; b < builds.size(); b++) {
                System.out.printf("  %s: warm %s (process CPU %s), cold %s, resident processor %s%n", builds.get(b).name(),
                        spread(warm[b]), spread(cpu[b]), spread(cold[b]), spread(resident[b]));
            }
            if (builds.size() > 1) {
                System.out.printf("  this build / the other, per round: warm %s, warm CPU %s, cold %s, resident processor %s%n",
                        ratios(warm[0], warm[1]), ratios(cpu[0], cpu[1]), ratios(cold[0], cold[1]),
                        ratios(resident[0], resident[1]));
            }
            System.out.printf("generated per model by this build (Dao + Query): %d lines, %.1f KB of source, %.1f KB of class files%n",
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

    /** How javac gets the processor, if at all. */
    private enum Mode {
        /** -proc:none. */
        NONE,
        /** From the processor path, loaded by javac for the compile (Maven's compiler plugin). */
        PROCESSOR_PATH,
        /** An instance handed to javac, its classes loaded once for every compile (a build daemon's). */
        RESIDENT_PROCESSOR
    }

    private static List<String> options(Path dir, Build build, Mode mode) throws IOException {
        Path classes = dir.resolve(mode == Mode.NONE ? "classes-without" : "classes-with");
        Path generated = dir.resolve("generated");
        Files.createDirectories(classes);
        Files.createDirectories(generated);
        List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-s", generated.toString(),
                "-classpath", build.classpath(), "--release", "17"));
        if (mode == Mode.PROCESSOR_PATH) {
            options.addAll(List.of("-processorpath", build.processorPath()));
        } else if (mode == Mode.NONE) {
            options.add("-proc:none");
        }
        return options;
    }

    private static Cost compileWarm(List<Path> sources, Path dir, Build build, boolean withProcessor) throws IOException {
        return compile(sources, dir, build, withProcessor ? Mode.PROCESSOR_PATH : Mode.NONE);
    }

    private static Cost compile(List<Path> sources, Path dir, Build build, Mode mode) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> options = options(dir, build, mode);
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            JavaCompiler.CompilationTask task = javac.getTask(null, files, null, options, null,
                    files.getJavaFileObjectsFromPaths(sources));
            if (mode == Mode.RESIDENT_PROCESSOR) {
                task.setProcessors(List.of(build.residentProcessor()));
            }
            if (!task.call()) {
                throw new IllegalStateException("the benchmark's models did not compile with " + build.name());
            }
            return new Cost((System.nanoTime() - start) / 1_000_000, (os.getProcessCpuTime() - cpuStart) / 1_000_000);
        }
    }

    private static long compileCold(List<Path> sources, Path dir, Build build) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
        command.addAll(options(dir, build, Mode.PROCESSOR_PATH));
        sources.forEach(p -> command.add(p.toString()));
        long start = System.nanoTime();
        Process javac = new ProcessBuilder(command).inheritIO().start();
        if (javac.waitFor() != 0) {
            throw new IllegalStateException("the benchmark's models did not compile with " + build.name());
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String locationOf(Class<?> anchor) {
        return Path.of(java.net.URI.create(anchor.getProtectionDomain().getCodeSource().getLocation().toString())).toString();
    }

    private static String join(String... entries) {
        return String.join(File.pathSeparator, entries);
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

    private static String spread(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return "%d [%d-%d]".formatted(sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    private static String ratios(long[] these, long[] others) {
        double[] ratios = new double[these.length];
        for (int i = 0; i < these.length; i++) {
            ratios[i] = (double) these[i] / others[i];
        }
        Arrays.sort(ratios);
        return "%.2f [%.2f-%.2f]".formatted(ratios[ratios.length / 2], ratios[0], ratios[ratios.length - 1]);
    }
}
