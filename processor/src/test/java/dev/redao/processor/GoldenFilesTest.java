package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole generated DAO and Query of three representative models, compared with the files under
 * {@code src/test/resources/golden/expected/}: a record with every kind of index and events
 * ({@code User}), a class with a version, an ordering, a group, a getter and setter and a
 * reference ({@code Invoice}), and the model it references, which has a many-to-many link
 * ({@code Customer}), and the catalog of their DAOs. A change to generated code shows here as a diff to review; run with
 * {@code -Dredao.golden.update=true} to write the new files, then read them before committing.
 */
class GoldenFilesTest {
    private static final List<String> INPUT = List.of("User", "Invoice", "Customer", "Tag");

    @ParameterizedTest
    @ValueSource(strings = {"UserDao", "UserQuery", "InvoiceDao", "InvoiceQuery", "CustomerDao", "CustomerQuery",
        "RedaoCatalog_5d05f86e"})
    void generatedCodeIsTheGoldenFile(String generated) throws IOException {
        Compilation compilation = TestCompiler.compile(INPUT.stream().map(GoldenFilesTest::input).toArray(JavaFileObject[]::new));
        assertThat(compilation).succeededWithoutWarnings();
        Optional<JavaFileObject> file = compilation.generatedSourceFile("shop." + generated);
        assertTrue(file.isPresent(), "shop." + generated + " is generated");
        String actual = file.get().getCharContent(false).toString();
        Path expected = Path.of("src/test/resources/golden/expected/shop/" + generated + ".java");
        if (Boolean.getBoolean("redao.golden.update")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, "generated " + generated);
    }

    private static JavaFileObject input(String model) {
        URL source = GoldenFilesTest.class.getResource("/golden/input/shop/" + model + ".java");
        return JavaFileObjects.forResource(source);
    }
}
