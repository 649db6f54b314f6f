package dev.redao.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.redao.processor.DocSnippets.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles with Redao's processor against
 * the real runtime, so the docs cannot rot. Each page is one compilation: its whole compilation
 * units, and each fragment inside its context, a folder of {@code processor/src/test/snippets/}
 * whose {@code Fragment.java} holds the line {@code //@fragment} that the fragment replaces. A
 * block that is neither, an error or a warning fails the test, naming the page and line.
 * docs/contributing.md, "Code in the docs", says how to write them.
 */
class DocSnippetsTest {
    private static final String FRAGMENT_LINE = "//@fragment";

    @Test
    void everyJavaBlockOfTheDocsCompiles() throws IOException {
        Path root = repositoryRoot();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("README.md", Files.readString(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            for (Path page : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                pages.put("docs/" + page.getFileName(), Files.readString(page));
            }
        }
        List<String> problems = check(pages, root.resolve("processor/src/test/snippets"));
        assertTrue(problems.isEmpty(), () -> "code blocks of the docs that do not compile:\n" + String.join("\n", problems));
    }

    @Test
    void aBrokenFragmentFailsOnItsOwnLine() {
        String page = """
                Text.

                <!-- snippet: context=store -->
                ```java
                store.keyspace().key("fine");
                store.noSuchMethod();
                ```
                """;
        List<String> problems = check(Map.of("docs/broken.md", page), repositoryRoot().resolve("processor/src/test/snippets"));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("docs/broken.md:6: "), problems::toString);
        assertTrue(problems.get(0).contains("noSuchMethod"), problems::toString);
    }

    @Test
    void aBrokenWholeUnitFailsOnItsOwnLine() {
        String page = """
                ```java
                package shop;

                public record Note(String text, NoSuchType other) {}
                ```
                """;
        List<String> problems = check(Map.of("docs/broken.md", page), repositoryRoot().resolve("processor/src/test/snippets"));
        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).startsWith("docs/broken.md:4: "), problems::toString);
    }

    @Test
    void aJavaBlockWithNeitherPackageNorContextFails() {
        String page = """
                ```java
                store.close();
                ```

                <!-- snippet: context=store -->
                ```shell
                mvn -B verify
                ```
                """;
        List<String> problems = check(Map.of("docs/broken.md", page), repositoryRoot().resolve("processor/src/test/snippets"));
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("docs/broken.md:1: a java block must be"), problems::toString);
        assertTrue(problems.get(1).startsWith("docs/broken.md:5: a snippet marker above"), problems::toString);
    }

    /** Parses and compiles every page (name → Markdown); returns what is wrong, each naming page and line. */
    private static List<String> check(Map<String, String> pages, Path contexts) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            DocSnippets.Parsed parsed = DocSnippets.parse(page.getKey(), page.getValue());
            problems.addAll(parsed.problems());
            if (!parsed.blocks().isEmpty()) {
                problems.addAll(compilePage(page.getKey(), parsed.blocks(), contexts));
            }
        }
        return problems;
    }

    /**
     * One compilation per page: its whole units (a page's models and the code that uses them go
     * together), and each fragment in its own copy of its context's {@code Fragment.java}, with
     * the context's other sources.
     */
    private static List<String> compilePage(String page, List<Block> blocks, Path contexts) {
        List<String> problems = new ArrayList<>();
        Map<String, Block> units = new LinkedHashMap<>();
        Map<JavaFileObject, IntFunction<String>> lines = new LinkedHashMap<>();
        Map<String, String> sourcesByName = new HashMap<>();
        int fragmentCount = 0;
        for (Block block : blocks) {
            if (block.isWholeUnit()) {
                Block before = units.putIfAbsent(block.qualifiedName(), block);
                if (before != null) {
                    problems.add(block.where() + ": " + block.qualifiedName() + " is declared at " + before.where()
                            + " too; give one of them another package");
                } else {
                    lines.put(JavaFileObjects.forSourceString(block.qualifiedName(), block.text()),
                            n -> block.page() + ":" + block.pageLine(n));
                    sourcesByName.put(block.qualifiedName(), block.where());
                }
                continue;
            }
            Path folder = contexts.resolve(block.context());
            Path template = folder.resolve("Fragment.java");
            if (!Files.isRegularFile(template)) {
                problems.add(block.where() + ": no context '" + block.context() + "' (processor/src/test/snippets/"
                        + block.context() + "/Fragment.java)");
                continue;
            }
            try {
                addContextSources(block.context(), folder, template, lines, sourcesByName, problems);
                fragmentCount++;
                addFragment(block, Files.readString(template), "Fragment" + fragmentCount, lines, problems);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        return diagnostics(TestCompiler.compile(lines.keySet().toArray(JavaFileObject[]::new)), lines, page);
    }

    /** The context's sources other than its template, once per page. */
    private static void addContextSources(String context, Path folder, Path template, Map<JavaFileObject, IntFunction<String>> lines,
            Map<String, String> sourcesByName, List<String> problems) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java") && !p.equals(template)).sorted().toList()) {
                String text = Files.readString(file);
                String name = qualified(text, file.getFileName().toString().replace(".java", ""));
                String where = "context " + context + "/" + file.getFileName();
                String before = sourcesByName.putIfAbsent(name, where);
                if (before == null) {
                    lines.put(JavaFileObjects.forSourceString(name, text), n -> where + ":" + n);
                } else if (!before.equals(where)) {
                    problems.add(where + ": " + name + " is declared by " + before + " too");
                }
            }
        }
    }

    /** {@code template} with its class renamed to {@code className} and the fragment in place of its {@value #FRAGMENT_LINE} line. */
    private static void addFragment(Block fragment, String template, String className, Map<JavaFileObject, IntFunction<String>> lines,
            List<String> problems) {
        List<String> templateLines = template.lines().toList();
        int at = -1;
        for (int i = 0; i < templateLines.size(); i++) {
            if (templateLines.get(i).trim().equals(FRAGMENT_LINE)) {
                at = i;
            }
        }
        if (at < 0) {
            problems.add(fragment.where() + ": context " + fragment.context() + "/Fragment.java has no line " + FRAGMENT_LINE);
            return;
        }
        int markerIndex = at;
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < templateLines.size(); j++) {
            text.append(j == markerIndex ? fragment.text() : templateLines.get(j).replaceAll("\\bFragment\\b", className) + "\n");
        }
        int fragmentLines = (int) fragment.text().lines().count();
        lines.put(JavaFileObjects.forSourceString(qualified(template, className), text.toString()), n -> {
            int inFragment = n - markerIndex;
            return inFragment >= 1 && inFragment <= fragmentLines
                    ? fragment.page() + ":" + fragment.pageLine(inFragment)
                    : fragment.where() + " (context " + fragment.context() + "/Fragment.java:"
                            + (n > markerIndex ? n - fragmentLines + 1 : n) + ")";
        });
    }

    /** Errors and warnings, each at the Markdown line it comes from. */
    private static List<String> diagnostics(Compilation compilation, Map<JavaFileObject, IntFunction<String>> lines, String what) {
        List<String> out = new ArrayList<>();
        Map<java.net.URI, IntFunction<String>> byUri = new HashMap<>();
        lines.forEach((file, where) -> byUri.put(file.toUri(), where));
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR && d.getKind() != Diagnostic.Kind.WARNING
                    && d.getKind() != Diagnostic.Kind.MANDATORY_WARNING) {
                continue;
            }
            IntFunction<String> where = d.getSource() == null ? null : byUri.get(d.getSource().toUri());
            String place = where == null
                    ? what + (d.getSource() == null ? "" : " (" + d.getSource().getName() + ":" + d.getLineNumber() + ")")
                    : where.apply((int) d.getLineNumber());
            out.add(place + ": " + d.getKind().toString().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT));
        }
        return out;
    }

    private static String qualified(String textWithPackageLine, String simpleName) {
        return textWithPackageLine.lines()
                .filter(l -> l.startsWith("package "))
                .findFirst()
                .map(l -> l.substring("package ".length(), l.indexOf(';')).trim() + "." + simpleName)
                .orElse(simpleName);
    }

    /** The folder holding README.md and docs/: surefire runs in the module's folder, below it. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no README.md with a docs/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
