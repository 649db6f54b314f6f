package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.annotated;
import static dev.redao.processor.TestCompiler.compile;
import static dev.redao.processor.TestCompiler.compileWith;
import static dev.redao.processor.TestCompiler.compileWithClasspath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.palantir.javapoet.ClassName;
import dev.redao.processor.write.CatalogWriter;
import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.spi.DaoCatalogs;
import dev.redao.runtime.spi.DaoFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DAO catalog: one per compilation that has models, listing every DAO it wrote (link models'
 * too), named in the service file, and found at run time by the runtime's {@code DaoCatalogs}
 * with no other help. Two compilations that meet on one class path (main and test classes) each
 * have their own.
 */
class CatalogTest {
    private static final JavaFileObject USER = annotated("shop.User", """
            @Model(group = "shop")
            @ManyToMany(to = shop.orders.Tag.class, name = "tags")
            public record User(@Id Long id, @Unique String email) {}
            """);
    private static final JavaFileObject TAG = annotated("shop.orders.Tag", """
            @Model(group = "shop")
            public record Tag(@Id String id) {}
            """);
    private static final JavaFileObject ORDER = annotated("shop.orders.Order", """
            @Model(group = "shop")
            public record Order(@Id Long id, @References(value = shop.User.class, onDelete = OnDelete.CASCADE) Long userId) {
                /** A nested model: its DAO is Order_LineDao. */
                @Model
                public record Line(@Id Long id, int quantity) {}
            }
            """);
    /** A model of the test sources, in a package of the main sources. */
    private static final JavaFileObject AUDIT = annotated("shop.Audit", """
            @Model
            public record Audit(@Id Long id, String what) {}
            """);

    @Test
    void oneCatalogListsEveryDaoOfTheCompilation() {
        Compilation compilation = compile(USER, TAG, ORDER);
        assertThat(compilation).succeededWithoutWarnings();
        List<JavaFileObject> catalogs = catalogs(compilation);
        assertEquals(1, catalogs.size(), catalogs::toString);
        String expected = CatalogWriter.catalogName(List.of(
                ClassName.get("shop", "UserDao"),
                ClassName.get("shop", "UserTagsDao"),
                ClassName.get("shop.orders", "TagDao"),
                ClassName.get("shop.orders", "OrderDao"),
                ClassName.get("shop.orders", "Order_LineDao"))).reflectionName();
        assertTrue(expected.startsWith("shop.RedaoCatalog_"), expected);
        assertThat(compilation).generatedSourceFile(expected);
        assertEquals(List.of(expected), serviceFile(compilation));
    }

    @Test
    void theCatalogCreatesEveryDaoWithoutScanning(@TempDir Path classes) throws IOException {
        writeClassOutput(compile(USER, TAG, ORDER), classes);
        assertEquals(List.of("shop.UserDao", "shop.UserTagsDao", "shop.orders.OrderDao", "shop.orders.Order_LineDao",
                "shop.orders.TagDao"), daoNames(classes));
    }

    /** Main and test classes of one project: the test compilation sees the main models as class files only. */
    @Test
    void twoCompilationsHaveTwoCatalogsThatBothAreFound(@TempDir Path main, @TempDir Path test) throws IOException {
        Compilation mainCompilation = compile(USER, TAG, ORDER);
        writeClassOutput(mainCompilation, main);
        Compilation testCompilation = compileWithClasspath(main.toFile(), AUDIT);
        assertThat(testCompilation).succeededWithoutWarnings();
        writeClassOutput(testCompilation, test);

        String mainCatalog = serviceFile(mainCompilation).get(0);
        String testCatalog = serviceFile(testCompilation).get(0);
        assertNotEquals(mainCatalog, testCatalog, "the test catalog would hide the main one");
        assertTrue(testCatalog.startsWith("shop.RedaoCatalog_"), testCatalog);
        assertEquals(List.of("shop.AuditDao", "shop.UserDao", "shop.UserTagsDao", "shop.orders.OrderDao",
                "shop.orders.Order_LineDao", "shop.orders.TagDao"), daoNames(main, test));
    }

    @Test
    void sameModelsGiveTheSameCatalog() throws IOException {
        Compilation first = compile(USER, TAG, ORDER);
        Compilation second = compile(ORDER, TAG, USER);
        assertEquals(serviceFile(first), serviceFile(second));
        assertEquals(catalogs(first).get(0).getCharContent(false).toString(),
                catalogs(second).get(0).getCharContent(false).toString());
    }

    @Test
    void noModelsNoCatalog() {
        Compilation compilation = compile(TestCompiler.java("shop.Plain", "public class Plain {}\n"));
        assertThat(compilation).succeededWithoutWarnings();
        assertTrue(catalogs(compilation).isEmpty());
        assertFalse(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, CatalogWriter.SERVICE_FILE).isPresent());
    }

    /** A model that another processor writes after Redao's catalog is written gets a second catalog. */
    @Test
    void aModelWrittenAfterTheCatalogGetsASecondOne(@TempDir Path classes) throws IOException {
        // the other processor first: Redao claims its annotations, and javac does not call a "*"
        // processor after it in a round that holds no other annotation
        Compilation compilation = compileWith(List.of(new GeneratesModelInSecondRound(), new RedaoProcessor()), AUDIT);
        assertThat(compilation).succeededWithoutWarnings();
        assertEquals(2, catalogs(compilation).size());
        assertEquals(2, serviceFile(compilation).size());
        writeClassOutput(compilation, classes);
        assertEquals(List.of("shop.AuditDao", "shop.LateDao"), daoNames(classes));
    }

    @Test
    void aCatalogThatCannotBeLoadedIsAConfigurationException(@TempDir Path classes) throws IOException {
        Path service = classes.resolve(CatalogWriter.SERVICE_FILE);
        Files.createDirectories(service.getParent());
        Files.writeString(service, "shop.RedaoCatalog_gone\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> daoNames(classes));
        assertTrue(e.getMessage().contains("cannot be loaded"), e.getMessage());
    }

    /** The runtime's view: the DAOs that the catalogs in {@code folders} list. */
    private static List<String> daoNames(Path... folders) throws IOException {
        URL[] urls = new URL[folders.length];
        for (int i = 0; i < folders.length; i++) {
            urls[i] = folders[i].toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, CatalogTest.class.getClassLoader())) {
            List<String> out = new ArrayList<>();
            for (DaoFactory<?> dao : DaoCatalogs.find(loader)) {
                out.add(dao.type().getName());
            }
            return out;
        }
    }

    private static List<JavaFileObject> catalogs(Compilation compilation) {
        return compilation.generatedSourceFiles().stream()
                .filter(f -> f.getName().contains("RedaoCatalog_"))
                .toList();
    }

    private static List<String> serviceFile(Compilation compilation) {
        JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, CatalogWriter.SERVICE_FILE)
                .orElseThrow(() -> new AssertionError("no " + CatalogWriter.SERVICE_FILE));
        try (InputStream in = file.openInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class files and resources the compilation wrote, into {@code folder}, as javac's -d would. */
    private static void writeClassOutput(Compilation compilation, Path folder) throws IOException {
        assertThat(compilation).succeeded();
        String prefix = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
        for (JavaFileObject file : compilation.generatedFiles()) {
            String path = file.toUri().getPath();
            if (path.startsWith(prefix)) {
                Path target = folder.resolve(path.substring(prefix.length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = file.openInputStream()) {
                    Files.write(target, in.readAllBytes());
                }
            }
        }
    }

    /** Stands for another processor that writes a model in its second round, after Redao's catalog. */
    @javax.annotation.processing.SupportedAnnotationTypes("*")
    static final class GeneratesModelInSecondRound extends AbstractProcessor {
        private int calls;

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (++calls == 2) {
                try (Writer w = processingEnv.getFiler().createSourceFile("shop.Late").openWriter()) {
                    w.write("package shop;\n@dev.redao.annotations.Model\npublic record Late(@dev.redao.annotations.Id Long id) {}\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }
}
