package dev.redao.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

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

    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }
}
