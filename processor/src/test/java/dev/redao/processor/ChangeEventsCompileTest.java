package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.annotated;
import static dev.redao.processor.TestCompiler.assertOneJavacError;
import static dev.redao.processor.TestCompiler.compile;
import static dev.redao.processor.TestCompiler.java;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code subscribe} exists only on DAOs of models with {@code @Model(events = true)}, typed by the
 * model's id; every DAO can {@code watch} an object.
 */
class ChangeEventsCompileTest {
    private static final JavaFileObject ORDER = annotated("shop.Order", """
            @Model(events = true)
            public record Order(@Id Long id, @Indexed String status, int quantity) {}
            """);

    private static final JavaFileObject NOTE = annotated("shop.Note", """
            @Model
            public record Note(@Id String key, String text) {}
            """);

    private static final JavaFileObject QUIET_NOTE = annotated("shop.QuietNote", """
            @Model(events = false)
            public record QuietNote(@Id String key, String text) {}
            """);

    @Test
    void aModelWithEventsHasATypedSubscribe() {
        JavaFileObject usage = java("shop.Usage", """
                import dev.redao.runtime.messaging.*;
                import java.util.Set;
                class Usage {
                    static void run(OrderDao orders) {
                        Subscription s = orders.subscribe(event -> {
                            ChangeEvent.Kind kind = event.kind();
                            Long id = event.id();
                            Set<String> fields = event.fields();
                            System.out.println(kind + " " + id + " " + fields);
                        });
                        s.close();
                        Subscription w = orders.watch(7L, (key, event) -> {});
                        w.close();
                    }
                }
                """);
        Compilation compilation = compile(ORDER, usage);
        assertThat(compilation).succeededWithoutWarnings();
    }

    /** A class that subscribes to the changes of {@code dao}'s model. */
    private static JavaFileObject subscribing(String dao) {
        return java("shop.Usage", """
                class Usage {
                    static Object run(%s notes) {
                        return notes.subscribe(event -> {});
                    }
                }
                """.formatted(dao));
    }

    @Test
    void aModelWithoutEventsHasNoSubscribe() {
        JavaFileObject usage = subscribing("NoteDao");
        assertOneJavacError(compile(NOTE, usage), usage, "notes.subscribe", "cannot find symbol");
    }

    @Test
    void eventsFalseIsTheDefault() {
        JavaFileObject usage = subscribing("QuietNoteDao");
        Compilation compilation = compile(QUIET_NOTE, usage);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(usage).onLineContaining("notes.subscribe");
    }

    @Test
    void everyDaoCanWatchAnObject() {
        JavaFileObject usage = java("shop.Usage", """
                import dev.redao.runtime.messaging.Subscription;
                class Usage {
                    static Subscription run(NoteDao notes) {
                        return notes.watch("k", (key, event) -> System.out.println(key + " " + event));
                    }
                }
                """);
        assertThat(compile(NOTE, usage)).succeededWithoutWarnings();
    }
}
