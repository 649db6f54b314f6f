package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.compile;
import static dev.redao.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code subscribe} exists only on DAOs of models with {@code @Model(events = true)}, typed by the
 * model's id; every DAO can {@code watch} an object.
 */
class ChangeEventsCompileTest {
    private static final JavaFileObject ORDER = source("shop.Order",
            "package shop;",
            "import dev.redao.annotations.*;",
            "@Model(events = true)",
            "public record Order(@Id Long id, @Indexed String status, int quantity) {}");

    private static final JavaFileObject NOTE = source("shop.Note",
            "package shop;",
            "import dev.redao.annotations.*;",
            "@Model",
            "public record Note(@Id String key, String text) {}");

    private static final JavaFileObject QUIET_NOTE = source("shop.QuietNote",
            "package shop;",
            "import dev.redao.annotations.*;",
            "@Model(events = false)",
            "public record QuietNote(@Id String key, String text) {}");

    @Test
    void aModelWithEventsHasATypedSubscribe() {
        JavaFileObject usage = source("shop.Usage",
                "package shop;",
                "import dev.redao.runtime.*;",
                "import java.util.Set;",
                "class Usage {",
                "    static void run(OrderDao orders) {",
                "        Subscription s = orders.subscribe(event -> {",
                "            ChangeEvent.Kind kind = event.kind();",
                "            Long id = event.id();",
                "            Set<String> fields = event.fields();",
                "            System.out.println(kind + \" \" + id + \" \" + fields);",
                "        });",
                "        s.close();",
                "        Subscription w = orders.watch(7L, (key, event) -> {});",
                "        w.close();",
                "    }",
                "}");
        Compilation compilation = compile(ORDER, usage);
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aModelWithoutEventsHasNoSubscribe() {
        JavaFileObject usage = source("shop.Usage",
                "package shop;",
                "class Usage {",
                "    static Object run(NoteDao notes) {",
                "        return notes.subscribe(event -> {});",
                "    }",
                "}");
        Compilation compilation = compile(NOTE, usage);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(usage).onLineContaining("notes.subscribe");
    }

    @Test
    void eventsFalseIsTheDefault() {
        JavaFileObject usage = source("shop.Usage",
                "package shop;",
                "class Usage {",
                "    static Object run(QuietNoteDao notes) {",
                "        return notes.subscribe(event -> {});",
                "    }",
                "}");
        Compilation compilation = compile(QUIET_NOTE, usage);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(usage).onLineContaining("notes.subscribe");
    }

    @Test
    void everyDaoCanWatchAnObject() {
        JavaFileObject usage = source("shop.Usage",
                "package shop;",
                "import dev.redao.runtime.Subscription;",
                "class Usage {",
                "    static Subscription run(NoteDao notes) {",
                "        return notes.watch(\"k\", (key, event) -> System.out.println(key + \" \" + event));",
                "    }",
                "}");
        assertThat(compile(NOTE, usage)).succeededWithoutWarnings();
    }
}
