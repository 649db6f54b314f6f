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
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles test sources with Redao's processor, the way a user's build would. */
final class TestCompiler {
    /** Lint as the project's own build uses it; unclaimed annotations are expected. */
    static final String LINT = "-Xlint:all,-processing";

    private TestCompiler() {}

    static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new RedaoProcessor()).withOptions(LINT).compile(sources);
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
     * A class whose last method's body is {@code body}: {@code head} opens the class and the
     * method, and this closes both.
     */
    static JavaFileObject method(String qualifiedName, String[] head, String... body) {
        String[] all = new String[head.length + body.length + 2];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        all[all.length - 2] = "    }";
        all[all.length - 1] = "}";
        return source(qualifiedName, all);
    }

    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
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
