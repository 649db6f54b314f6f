package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.annotated;
import static dev.redao.processor.TestCompiler.compile;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A model with {@code @Model(partitions = N)} compiles, and its schema tells the runtime how many
 * partitions it has. What cannot be combined with partitions is in {@link ProcessorErrorsTest}.
 */
class PartitionedModelCompileTest {

    @Test
    void aPartitionedModelWithIndexesCompilesAndNamesItsPartitions() {
        JavaFileObject user = annotated("shop.User", """
                @Model(partitions = 4)
                public record User(
                        @Id Long id,
                        @Indexed String country,
                        @Indexed int age,
                        String name) {}
                """);
        Compilation compilation = compile(user);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.UserDao").contentsAsUtf8String().contains(".partitions(4)");
    }

    /** The model of docs/partitioned-models.md's example, as written there. */
    @Test
    void theDocumentedExampleCompiles() {
        JavaFileObject reading = annotated("shop.Reading", """
                @Model(partitions = 6)
                public record Reading(@Id Long id, @Indexed String sensor, @Indexed double value, String note) {}
                """);
        assertThat(compile(reading)).succeededWithoutWarnings();
    }

    /** A reference handle into a partitioned model says so, so that a query refuses to join it. */
    @Test
    void aReferenceHandleNamesItsPartitionedTarget() {
        JavaFileObject customer = annotated("shop.Customer", """
                @Model(partitions = 8)
                public record Customer(@Id Long id, String name) {}
                """);
        JavaFileObject order = annotated("shop.Order", """
                @Model
                public record Order(
                        @Id Long id,
                        @References(value = Customer.class, onDelete = OnDelete.KEEP) Long customerId) {}
                """);
        Compilation compilation = compile(customer, order);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.OrderQuery").contentsAsUtf8String()
                .contains("new ModelRef(\"customer\", \"\", false, 8)");
    }

    /** KEEP writes nothing on delete, so a reference may join any two models, partitioned or not. */
    @Test
    void aReferenceThatKeepsCompilesIntoAndOutOfAPartitionedModel() {
        JavaFileObject customer = annotated("shop.Customer", """
                @Model(partitions = 8)
                public record Customer(@Id Long id, String name) {}
                """);
        JavaFileObject order = annotated("shop.Order", """
                @Model(partitions = 4)
                public record Order(
                        @Id Long id,
                        @References(value = Customer.class, onDelete = OnDelete.KEEP) Long customerId) {}
                """);
        JavaFileObject invoice = annotated("shop.Invoice", """
                @Model
                public record Invoice(
                        @Id Long id,
                        @References(value = Order.class, onDelete = OnDelete.KEEP) Long orderId) {}
                """);
        assertThat(compile(customer, order, invoice)).succeededWithoutWarnings();
    }
}
