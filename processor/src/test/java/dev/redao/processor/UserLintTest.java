package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A user's build that runs every lint with {@code -Werror} compiles models and the code that uses
 * their DAOs and queries: the processor claims its annotations and the {@code @Generated} on what it
 * writes ({@code -Xlint:processing}), and the generated code triggers no other lint.
 */
class UserLintTest {
    private static final List<String> MODELS = List.of("User", "Invoice", "Customer", "Tag");

    @Test
    void aBuildWithEveryLintAndWerrorPasses() {
        Compilation compilation = Compiler.javac()
                .withProcessors(new RedaoProcessor())
                .withOptions("-Xlint:all", "-Werror")
                .compile(sources());
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.CustomerTagsDao");
    }

    @Test
    void theCheckSeesAnUnclaimedAnnotation() {
        // the check above can fail: a processor that claims nothing gets the warning -Werror stops on
        Compilation compilation = Compiler.javac()
                .withProcessors(new TestCompiler.GeneratesLevel())
                .withOptions("-Xlint:all", "-Werror")
                .compile(TestCompiler.annotated("shop.Plain", "@Model public record Plain(@Id Long id) {}"));
        assertThat(compilation).failed();
        assertThat(compilation).hadWarningContaining("No processor claimed any of these annotations");
    }

    private static JavaFileObject[] sources() {
        Stream<JavaFileObject> models = MODELS.stream()
                .map(m -> JavaFileObjects.forResource(UserLintTest.class.getResource("/golden/input/shop/" + m + ".java")));
        JavaFileObject usage = TestCompiler.usage("RedisStore store", """
                UserDao users = new UserDao(store);
                InvoiceDao invoices = new InvoiceDao(store);
                users.save(new User(null, "a@example.com", "DE", 30, Instant.now(), "Ann", List.of("vip")));
                List<Invoice> open = invoices.query()
                        .filter(InvoiceQuery.status.in(Invoice.Status.OPEN, Invoice.Status.PAID))
                        .sortBy(InvoiceQuery.total.desc())
                        .list();
                return users.query().filter(UserQuery.country.startsWith("D")).filter(UserQuery.age.gt(18)).count() + open.size();
                """);
        return Stream.concat(models, Stream.of(usage)).toArray(JavaFileObject[]::new);
    }
}
