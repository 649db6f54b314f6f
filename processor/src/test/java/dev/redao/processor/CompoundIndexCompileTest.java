package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.annotated;
import static dev.redao.processor.TestCompiler.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.redao.runtime.internal.ModelSchema;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with {@code @Model(indexes = @Index({...}))} compiles, and its schema declares each
 * compound index by the fields' stored names, after the fields; the runtime accepts the schema.
 * What an {@code @Index} may not be is in {@link ProcessorErrorsTest}.
 */
class CompoundIndexCompileTest {

    @Test
    void aRecordWithACompoundIndexCompilesAndDeclaresIt(@TempDir Path classes) throws Exception {
        JavaFileObject user = annotated("shop.User", """
                @Model(indexes = @Index({"country", "age"}))
                public record User(
                        @Id Long id,
                        @Indexed String country,
                        @Indexed int age,
                        String name) {}
                """);
        Compilation compilation = compile(user);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.UserDao").contentsAsUtf8String()
                .contains(".field(\"name\")\n            .compoundIndex(\"country\", \"age\")\n            .build()");
        assertEquals(List.of(new ModelSchema.CompoundIndex(1, 2)), schema(compilation, classes, "shop.UserDao").compoundIndexes());
    }

    @Test
    void aCompoundIndexIsDeclaredByTheStoredNames(@TempDir Path classes) throws Exception {
        JavaFileObject customer = annotated("shop.Customer", """
                @Model
                public record Customer(@Id Long id) {}
                """);
        JavaFileObject order = annotated("shop.Order", """
                import java.time.Instant;
                @Model(indexes = {@Index({"region", "placedAt"}), @Index({"customerId", "total"}),
                        @Index({"region", "total"})})
                public class Order {
                    @Id Long id;
                    @Stored("r") @Indexed String region;
                    @Stored("placed") @Indexed Instant placedAt;
                    @References(value = Customer.class, onDelete = OnDelete.KEEP) Long customerId;
                    @Indexed long total;
                }
                """);
        Compilation compilation = compile(customer, order);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.OrderDao").contentsAsUtf8String()
                .contains(".compoundIndex(\"r\", \"placed\")\n            .compoundIndex(\"customerId\", \"total\")\n"
                        + "            .compoundIndex(\"r\", \"total\")\n");
        assertEquals(List.of(new ModelSchema.CompoundIndex(1, 2), new ModelSchema.CompoundIndex(3, 4),
                new ModelSchema.CompoundIndex(1, 4)), schema(compilation, classes, "shop.OrderDao").compoundIndexes());
    }

    /** The {@code SCHEMA} of the compiled DAO, built by the runtime, which checks the compound indexes again. */
    private static ModelSchema<?> schema(Compilation compilation, Path folder, String dao) throws Exception {
        String prefix = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
        for (JavaFileObject file : compilation.generatedFiles()) {
            String path = file.toUri().getPath();
            if (path.startsWith(prefix) && path.endsWith(".class")) {
                Path target = folder.resolve(path.substring(prefix.length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = file.openInputStream()) {
                    Files.write(target, in.readAllBytes());
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()},
                CompoundIndexCompileTest.class.getClassLoader())) {
            return (ModelSchema<?>) Class.forName(dao, true, loader).getField("SCHEMA").get(null);
        }
    }
}
