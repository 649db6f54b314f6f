package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles test sources with Redao's processor, the way a user's build would. */
final class TestCompiler {
    /** Every lint, as a strict user's build has it: the processor claims what it reads and writes. */
    static final String LINT = "-Xlint:all";

    private TestCompiler() {}

    static Compilation compile(JavaFileObject... sources) {
        return compileWith(List.of(new RedaoProcessor()), sources);
    }

    /** Compiles with {@code processors} in place of Redao's processor alone. */
    static Compilation compileWith(List<? extends Processor> processors, JavaFileObject... sources) {
        return Compiler.javac().withProcessors(processors).withOptions(LINT).compile(sources);
    }

    /**
     * Fails unless the compilation failed with exactly one error, on the line of {@code file}
     * containing {@code line}, whose text contains every fragment.
     */
    static void assertOneJavacError(Compilation compilation, JavaFileObject file, String line, String... fragments) {
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        for (String fragment : fragments) {
            assertThat(compilation).hadErrorContaining(fragment).inFile(file).onLineContaining(line);
        }
    }

    /** Compiles with {@code extra} in front of the test class path. */
    static Compilation compileWithClasspath(File extra, JavaFileObject... sources) {
        List<File> classpath = new ArrayList<>();
        classpath.add(extra);
        classpath.addAll(testClasspath());
        return Compiler.javac()
                .withProcessors(new RedaoProcessor())
                .withOptions(LINT)
                .withClasspath(classpath)
                .compile(sources);
    }

    static List<File> testClasspath() {
        List<File> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                out.add(new File(entry));
            }
        }
        return out;
    }

    /**
     * A separate build, as of another module: plain javac without the processor, class files of
     * {@code source} into {@code out}, which {@link #compileWithClasspath} then puts on the class path.
     */
    static void compileToDirectory(Path out, JavaFileObject... sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            List<String> options = List.of("-proc:none", "-d", out.toString(),
                    "-classpath", System.getProperty("java.class.path"));
            boolean ok = javac.getTask(diagnostics, files, null, options, null, List.of(sources)).call();
            assertTrue(ok, () -> "the class-file sources do not compile: " + diagnostics);
        }
        for (JavaFileObject source : sources) {
            String classFile = source.toUri().getPath().replaceFirst("^/", "").replace(".java", ".class");
            assertTrue(new File(out.toFile(), classFile).isFile(), () -> "no " + classFile + " in " + out);
        }
    }

    /**
     * {@code shop.Usage}, a class whose method takes {@code parameters} (the DAOs a test uses) and
     * runs the lines of {@code body}, with the runtime's core and query packages, BigDecimal,
     * Instant and List imported.
     */
    static JavaFileObject usage(String parameters, String... body) {
        return java("shop.Usage", """
                import dev.redao.runtime.*;
                import dev.redao.runtime.query.*;
                import java.math.BigDecimal;
                import java.time.Instant;
                import java.util.List;
                class Usage {
                    static Object run(%s) {
                %s
                    }
                }
                """.formatted(parameters, String.join("\n", body)));
    }

    /** The source of {@code qualifiedName}: its package line, then {@code text}. */
    static JavaFileObject java(String qualifiedName, String text) {
        return JavaFileObjects.forSourceString(qualifiedName, packageLine(qualifiedName) + text);
    }

    /** {@link #java}, with every Redao annotation imported. */
    static JavaFileObject annotated(String qualifiedName, String text) {
        return java(qualifiedName, "import dev.redao.annotations.*;\n" + text);
    }

    private static String packageLine(String qualifiedName) {
        int dot = qualifiedName.lastIndexOf('.');
        return dot < 0 ? "" : "package " + qualifiedName.substring(0, dot) + ";\n";
    }

    /** Every source file the compilation generated, by URI, after checking that it succeeded. */
    static Map<String, String> generated(Compilation compilation) {
        assertThat(compilation).succeeded();
        Map<String, String> out = new LinkedHashMap<>();
        for (JavaFileObject file : compilation.generatedSourceFiles()) {
            try {
                out.put(file.toUri().toString(), file.getCharContent(false).toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Stands for another processor that writes a type a model uses, in the first round. */
    @javax.annotation.processing.SupportedAnnotationTypes("*")
    static final class GeneratesLevel extends AbstractProcessor {
        private boolean done;

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer w = processingEnv.getFiler().createSourceFile("shop.Level").openWriter()) {
                    w.write("package shop;\npublic enum Level { LOW, HIGH }\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }
}
