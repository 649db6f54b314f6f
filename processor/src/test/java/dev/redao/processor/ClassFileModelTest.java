package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.annotated;
import static dev.redao.processor.TestCompiler.compileToDirectory;
import static dev.redao.processor.TestCompiler.compileWithClasspath;
import static dev.redao.processor.TestCompiler.java;

import com.google.testing.compile.Compilation;
import dev.redao.processor.diag.Message;
import java.io.IOException;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's base class may come from another module, as a class file: its annotations count. */
class ClassFileModelTest {
    private static final JavaFileObject AUDITED = java("base.Audited", """
            import dev.redao.annotations.Indexed;
            import java.time.Instant;
            public abstract class Audited {
                @Indexed private Instant updatedAt;
                private String updatedBy;
                public Instant getUpdatedAt() { return updatedAt; }
                public void setUpdatedAt(Instant v) { updatedAt = v; }
                public String getUpdatedBy() { return updatedBy; }
                public void setUpdatedBy(String v) { updatedBy = v; }
            }
            """);

    /** A model of this build whose only field of its own is its id: the rest comes from {@code base}. */
    private static JavaFileObject productExtending(String base) {
        return annotated("shop.Product", """
                @Model
                public class Product extends %s {
                    @Id Long id;
                }
                """.formatted(base));
    }

    @Test
    void inheritedFieldsOfAClassFileAreStored(@TempDir Path classes) throws IOException {
        compileToDirectory(classes, AUDITED);
        JavaFileObject product = annotated("shop.Product", """
                @Model
                public class Product extends base.Audited {
                    @Id Long id;
                    @Unique String sku;
                }
                """);
        Compilation compilation = compileWithClasspath(classes.toFile(), product);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.ProductDao")
                .contentsAsUtf8String().contains("\"updatedAt\"");
        assertThat(compilation).generatedSourceFile("shop.ProductDao")
                .contentsAsUtf8String().contains("\"updatedBy\"");
    }

    @Test
    void annotationsOfAClassFileAreChecked(@TempDir Path classes) throws IOException {
        compileToDirectory(classes, java("base.Tagged", """
                import dev.redao.annotations.Indexed;
                public abstract class Tagged {
                    @Indexed public java.util.List<String> tags;
                }
                """));
        JavaFileObject product = productExtending("base.Tagged");
        Compilation compilation = compileWithClasspath(classes.toFile(), product);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Message.INDEXED_UNSUPPORTED_TYPE.tag() + " @Indexed field 'tags'");
        assertThat(compilation).hadErrorCount(1);
    }

    /** {@code @Indexed(prefix = true)} is read from a class file too: only that field gets startsWith. */
    @Test
    void prefixOfAClassFileIsRead(@TempDir Path classes) throws IOException {
        compileToDirectory(classes, java("base.Named", """
                import dev.redao.annotations.Indexed;
                public abstract class Named {
                    @Indexed(prefix = true) public String name;
                    @Indexed public String code;
                }
                """));
        JavaFileObject product = productExtending("base.Named");
        Compilation compilation = compileWithClasspath(classes.toFile(), product);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.ProductQuery").contentsAsUtf8String()
                .contains("PrefixStringField<Product> name = new PrefixStringField<Product>(\"name\", 1)");
        assertThat(compilation).generatedSourceFile("shop.ProductQuery").contentsAsUtf8String()
                .contains("StringField<Product> code = new StringField<Product>(\"code\", 2)");
        assertThat(compilation).generatedSourceFile("shop.ProductDao").contentsAsUtf8String()
                .contains(".field(\"name\").setIndex().prefixIndex()");
    }

    @Test
    void versionOfAClassFileIsTheModelsVersion(@TempDir Path classes) throws IOException {
        compileToDirectory(classes, java("base.Versioned", """
                import dev.redao.annotations.Version;
                public abstract class Versioned {
                    @Version private long version;
                    public long getVersion() { return version; }
                    public void setVersion(long v) { version = v; }
                }
                """));
        JavaFileObject product = productExtending("base.Versioned");
        Compilation compilation = compileWithClasspath(classes.toFile(), product);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.ProductDao")
                .contentsAsUtf8String().contains("o.setVersion(version);");

        JavaFileObject stamped = annotated("shop.Stamped", """
                @Model
                public class Stamped extends base.Versioned {
                    @Id Long id;
                    @Version long stamp;
                }
                """);
        Compilation twice = compileWithClasspath(classes.toFile(), stamped);
        assertThat(twice).failed();
        assertThat(twice).hadErrorContaining(Message.VERSION_DUPLICATE.tag() + " 'Stamped' has a second @Version: 'version'");
        assertThat(twice).hadErrorCount(1);
    }

    /**
     * A {@code @References} in a base class of another module is read, and its target may be a
     * model of that module too: with KEEP, the target's DAO needs not know the reference.
     */
    @Test
    void referenceOfAClassFileIsAReference(@TempDir Path classes) throws IOException {
        compileToDirectory(classes,
                annotated("base.Account", """
                        @Model(group = "accounts")
                        public record Account(@Id String id, String name) {}
                        """),
                annotated("base.Owned", """
                        public abstract class Owned {
                            @References(value = Account.class, onDelete = OnDelete.KEEP) public String ownerId;
                        }
                        """));
        JavaFileObject product = productExtending("base.Owned");
        JavaFileObject use = java("shop.Use", """
                import dev.redao.runtime.query.*;
                final class Use {
                    static Condition<Product> owned(String owner) {
                        ReferenceField<Product, String, base.Account> field = ProductQuery.ownerId;
                        return field.eq(owner);
                    }
                }
                """);
        Compilation compilation = compileWithClasspath(classes.toFile(), product, use);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.ProductQuery").contentsAsUtf8String()
                .contains("new ModelRef(\"account\", \"accounts\", false)");
    }
}
