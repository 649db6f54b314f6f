package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.compileToDirectory;
import static dev.redao.processor.TestCompiler.compileWithClasspath;
import static dev.redao.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import dev.redao.processor.diag.Message;
import java.io.IOException;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's base class may come from another module, as a class file: its annotations count. */
class ClassFileModelTest {
    private static final JavaFileObject AUDITED = source("base.Audited",
            "package base;",
            "import dev.redao.annotations.Indexed;",
            "import java.time.Instant;",
            "public abstract class Audited {",
            "    @Indexed private Instant updatedAt;",
            "    private String updatedBy;",
            "    public Instant getUpdatedAt() { return updatedAt; }",
            "    public void setUpdatedAt(Instant v) { updatedAt = v; }",
            "    public String getUpdatedBy() { return updatedBy; }",
            "    public void setUpdatedBy(String v) { updatedBy = v; }",
            "}");

    @Test
    void inheritedFieldsOfAClassFileAreStored(@TempDir Path classes) throws IOException {
        compileToDirectory(classes, AUDITED);
        JavaFileObject product = source("shop.Product",
                "package shop;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Product extends base.Audited {",
                "    @Id Long id;",
                "    @Unique String sku;",
                "}");
        Compilation compilation = compileWithClasspath(classes.toFile(), product);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.ProductDao")
                .contentsAsUtf8String().contains("\"updatedAt\"");
        assertThat(compilation).generatedSourceFile("shop.ProductDao")
                .contentsAsUtf8String().contains("\"updatedBy\"");
    }

    @Test
    void annotationsOfAClassFileAreChecked(@TempDir Path classes) throws IOException {
        compileToDirectory(classes, source("base.Tagged",
                "package base;",
                "import dev.redao.annotations.Indexed;",
                "public abstract class Tagged {",
                "    @Indexed public java.util.List<String> tags;",
                "}"));
        JavaFileObject product = source("shop.Product",
                "package shop;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Product extends base.Tagged {",
                "    @Id Long id;",
                "}");
        Compilation compilation = compileWithClasspath(classes.toFile(), product);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Message.INDEXED_UNSUPPORTED_TYPE.tag() + " @Indexed field 'tags'");
        assertThat(compilation).hadErrorCount(1);
    }

    /** {@code @Indexed(prefix = true)} is read from a class file too: only that field gets startsWith. */
    @Test
    void prefixOfAClassFileIsRead(@TempDir Path classes) throws IOException {
        compileToDirectory(classes, source("base.Named",
                "package base;",
                "import dev.redao.annotations.Indexed;",
                "public abstract class Named {",
                "    @Indexed(prefix = true) public String name;",
                "    @Indexed public String code;",
                "}"));
        JavaFileObject product = source("shop.Product",
                "package shop;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Product extends base.Named {",
                "    @Id Long id;",
                "}");
        Compilation compilation = compileWithClasspath(classes.toFile(), product);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.ProductQuery").contentsAsUtf8String()
                .contains("PrefixStringField<Product> name = new PrefixStringField<>(\"name\", 1)");
        assertThat(compilation).generatedSourceFile("shop.ProductQuery").contentsAsUtf8String()
                .contains("StringField<Product> code = new StringField<>(\"code\", 2)");
        assertThat(compilation).generatedSourceFile("shop.ProductDao").contentsAsUtf8String()
                .contains("local LEX = {1}");
    }

    @Test
    void versionOfAClassFileIsTheModelsVersion(@TempDir Path classes) throws IOException {
        compileToDirectory(classes, source("base.Versioned",
                "package base;",
                "import dev.redao.annotations.Version;",
                "public abstract class Versioned {",
                "    @Version private long version;",
                "    public long getVersion() { return version; }",
                "    public void setVersion(long v) { version = v; }",
                "}"));
        JavaFileObject product = source("shop.Product",
                "package shop;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Product extends base.Versioned {",
                "    @Id Long id;",
                "}");
        Compilation compilation = compileWithClasspath(classes.toFile(), product);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.ProductDao")
                .contentsAsUtf8String().contains("o.setVersion(version);");

        JavaFileObject stamped = source("shop.Stamped",
                "package shop;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Stamped extends base.Versioned {",
                "    @Id Long id;",
                "    @Version long stamp;",
                "}");
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
                source("base.Account",
                        "package base;",
                        "import dev.redao.annotations.*;",
                        "@Model(group = \"accounts\")",
                        "public record Account(@Id String id, String name) {}"),
                source("base.Owned",
                        "package base;",
                        "import dev.redao.annotations.*;",
                        "public abstract class Owned {",
                        "    @References(value = Account.class, onDelete = OnDelete.KEEP) public String ownerId;",
                        "}"));
        JavaFileObject product = source("shop.Product",
                "package shop;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Product extends base.Owned {",
                "    @Id Long id;",
                "}");
        JavaFileObject use = source("shop.Use",
                "package shop;",
                "import dev.redao.runtime.*;",
                "final class Use {",
                "    static Condition<Product> owned(String owner) {",
                "        ReferenceField<Product, String, base.Account> field = ProductQuery.ownerId;",
                "        return field.eq(owner);",
                "    }",
                "}");
        Compilation compilation = compileWithClasspath(classes.toFile(), product, use);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.ProductQuery").contentsAsUtf8String()
                .contains("new ModelRef(\"account\", \"accounts\", false)");
    }
}
