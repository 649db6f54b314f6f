package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.annotated;
import static dev.redao.processor.TestCompiler.assertOneJavacError;
import static dev.redao.processor.TestCompiler.compile;
import static dev.redao.processor.TestCompiler.java;

import com.google.testing.compile.Compilation;
import dev.redao.processor.diag.Message;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The typed query API rejects, at compile time, what the query script could not run: a filter on a
 * field without an index, a range on a field without an order, a condition or sort of another
 * model, a prefix on a field without a prefix index, and a bad {@code @Model(ordering)}. The usage
 * from the original design contract compiles.
 */
class QueryCompileTest {
    /** The model of the original design contract. */
    private static final JavaFileObject USER = annotated("shop.User", """
            import java.time.Instant;
            import java.util.List;
            @Model
            public record User(
                    @Id Long id,
                    @Unique String email,
                    @Indexed String country,
                    @Indexed int age,
                    String name,
                    List<String> tags,
                    Instant createdAt) {}
            """);

    private static final JavaFileObject PRODUCT = annotated("shop.Product", """
            import java.math.BigDecimal;
            @Model
            public record Product(@Id Long id, @Indexed String title, @Indexed BigDecimal price) {}
            """);

    /** A class in package shop whose method body is {@code lines}, with users and products at hand. */
    private static JavaFileObject usage(String... lines) {
        return TestCompiler.usage("UserDao users, ProductDao products", lines);
    }

    // ---- (e) what the design contract shows compiles

    @Test
    void theUsageOfTheDesignCompiles() {
        JavaFileObject design = usage(
                "        List<User> page = users.query()",
                "            .filter(UserQuery.country.in(\"DE\", \"FR\"))",
                "            .filter(UserQuery.age.between(18, 40))",
                "            .exclude(UserQuery.email.eq(\"spam@example.com\"))",
                "            .sortBy(UserQuery.age.desc())",
                "            .offset(0).limit(20)",
                "            .list();",
                "        long n = users.query().filter(UserQuery.country.eq(\"DE\")).count();",
                "        List<Long> ids = users.query().union(UserQuery.country.eq(\"DE\"))",
                "            .intersect(users.query().filter(UserQuery.age.gt(3).or(UserQuery.age.le(1))))",
                "            .filter(UserQuery.id.in(1L, 2L)).filter(UserQuery.country.contains(\"E\").and(UserQuery.country.endsWith(\"E\")))",
                "            .sortBy(UserQuery.name.asc()).ids();",
                "        java.util.Optional<User> first = users.query().sortBy(UserQuery.email.desc())",
                "            .loadOnly(UserQuery.name, UserQuery.tags, UserQuery.createdAt).first();",
                "        boolean any = users.query().filter(UserQuery.age.in(List.of(1, 2))).exists();",
                "        long gone = users.query().filter(UserQuery.email.in(\"a\", \"b\")).delete();",
                "        Query<Product, Long> cheap = products.query().filter(ProductQuery.price.lt(new BigDecimal(\"15.00\")))",
                "            .sortBy(ProductQuery.price.asc());",
                "        return List.of(page, n, ids, first, any, gone, cheap);");
        Compilation compilation = compile(USER, PRODUCT, design);
        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("shop.UserQuery");
        assertThat(compilation).generatedSourceFile("shop.UserDao");
    }

    // ---- (a) no index, no filter

    @Test
    void filteringAFieldWithoutAnIndexDoesNotCompile() {
        JavaFileObject byName = usage("        return users.query().filter(UserQuery.name.eq(\"x\")).list();");
        assertOneJavacError(compile(USER, PRODUCT, byName), byName, "UserQuery.name.eq", "cannot find symbol", "eq(");

        JavaFileObject byTags = usage("        return users.query().filter(UserQuery.tags.in(List.of(\"x\"))).list();");
        assertOneJavacError(compile(USER, PRODUCT, byTags), byTags, "UserQuery.tags.in", "cannot find symbol", "in(");

        JavaFileObject byDate = usage("        return users.query().filter(UserQuery.createdAt.gt(Instant.EPOCH)).list();");
        assertOneJavacError(compile(USER, PRODUCT, byDate), byDate, "UserQuery.createdAt.gt", "cannot find symbol", "gt(");

        JavaFileObject sortJson = usage("        return users.query().sortBy(UserQuery.tags.asc()).list();");
        assertOneJavacError(compile(USER, PRODUCT, sortJson), sortJson, "UserQuery.tags.asc", "cannot find symbol", "asc(");
    }

    // ---- (b) ranges only on ordered types

    @Test
    void aRangeOnAStringFieldDoesNotCompile() {
        JavaFileObject gt = usage("        return users.query().filter(UserQuery.country.gt(\"A\")).list();");
        assertOneJavacError(compile(USER, PRODUCT, gt), gt, "UserQuery.country.gt", "cannot find symbol", "gt(");

        JavaFileObject between = usage("        return users.query().filter(UserQuery.email.between(\"a\", \"b\")).list();");
        assertOneJavacError(compile(USER, PRODUCT, between), between, "UserQuery.email.between", "cannot find symbol", "between(");

        JavaFileObject prefixOnNumber = usage("        return users.query().filter(UserQuery.age.startsWith(\"1\")).list();");
        assertOneJavacError(compile(USER, PRODUCT, prefixOnNumber), prefixOnNumber, "UserQuery.age.startsWith",
                "cannot find symbol", "startsWith(");

        JavaFileObject wrongValueType = usage("        return users.query().filter(UserQuery.age.ge(\"18\")).list();");
        assertThat(compile(USER, PRODUCT, wrongValueType)).failed();
    }

    // ---- (c) conditions of another model

    @Test
    void aConditionOfAnotherModelDoesNotCompile() {
        JavaFileObject filter = usage("        return users.query().filter(ProductQuery.price.gt(BigDecimal.ONE)).list();");
        assertOneJavacError(compile(USER, PRODUCT, filter), filter, "ProductQuery.price.gt", "incompatible types",
                "Condition<shop.Product>");

        JavaFileObject exclude = usage("        return users.query().exclude(ProductQuery.title.eq(\"x\")).count();");
        assertOneJavacError(compile(USER, PRODUCT, exclude), exclude, "ProductQuery.title.eq", "incompatible types");

        JavaFileObject sort = usage("        return users.query().sortBy(ProductQuery.price.desc()).list();");
        assertOneJavacError(compile(USER, PRODUCT, sort), sort, "ProductQuery.price.desc", "incompatible types", "Sort<shop.Product>");

        JavaFileObject combined = usage("        return users.query().filter(UserQuery.age.gt(1).and(ProductQuery.price.gt(BigDecimal.ONE))).list();");
        assertOneJavacError(compile(USER, PRODUCT, combined), combined, "ProductQuery.price.gt", "incompatible types");

        JavaFileObject union = usage("        return users.query().union(products.query()).list();");
        assertThat(compile(USER, PRODUCT, union)).failed();
    }

    // ---- (f) startsWith only with @Indexed(prefix = true)

    @Test
    void startsWithOnAStringFieldWithoutPrefixIndexDoesNotCompile() {
        JavaFileObject prefix = usage("        return users.query().filter(UserQuery.country.startsWith(\"D\")).list();");
        assertOneJavacError(compile(USER, PRODUCT, prefix), prefix, "UserQuery.country.startsWith",
                "cannot find symbol", "startsWith(");

        JavaFileObject other = usage("        return products.query().filter(ProductQuery.title.startsWith(\"a\")).ids();");
        assertOneJavacError(compile(USER, PRODUCT, other), other, "ProductQuery.title.startsWith",
                "cannot find symbol", "startsWith(");
    }

    @Test
    void startsWithCompilesWithAPrefixIndex() {
        JavaFileObject city = annotated("shop.City", """
                @Model
                public record City(@Id Long id, @Indexed(prefix = true) String name, @Indexed String country) {}
                """);
        JavaFileObject use = java("shop.UseCity", """
                import dev.redao.runtime.query.*;
                class UseCity {
                    static Object run(CityDao cities) {
                        PrefixStringField<City> name = CityQuery.name;
                        StringField<City> country = CityQuery.country;
                        return cities.query().filter(name.startsWith("Ber").and(name.endsWith("n")))
                            .filter(country.in("DE", "AT")).exclude(name.eq("Bern")).list();
                    }
                }
                """);
        Compilation compilation = compile(city, use);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.CityQuery").contentsAsUtf8String()
                .contains("PrefixStringField<City> name = new PrefixStringField<City>(\"name\", 1)");
    }

    // ---- (d) @Model(ordering)

    @Test
    void orderingByAnUnknownFieldIsOneErrorOnTheAttribute() {
        assertOneOrderingError("-priority", "String title", Message.ORDERING_UNKNOWN_FIELD, ".*-priority.*Task");
    }

    @Test
    void orderingByAStringFieldIsOneErrorOnTheAttribute() {
        assertOneOrderingError("title", "@Indexed String title", Message.ORDERING_NOT_ORDERED_TYPE, ".*title.*String");
    }

    /** A Task ordered by {@code ordering} gets one error of {@code message}, matching {@code pattern}, on the attribute. */
    private static void assertOneOrderingError(String ordering, String titleField, Message message, String pattern) {
        JavaFileObject task = annotated("shop.Task", """
                @Model(
                        ordering = "%s")
                public record Task(@Id Long id, @Indexed int score, %s) {}
                """.formatted(ordering, titleField));
        Compilation compilation = compile(task);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContainingMatch(Pattern.quote(message.tag()) + pattern)
                .inFile(task)
                .onLineContaining("ordering = \"" + ordering + "\"");
    }

    @Test
    void validOrderingsCompile() {
        JavaFileObject task = annotated("shop.Task", """
                import java.time.LocalDate;
                @Model(ordering = "-score")
                public record Task(@Id Long id, int score, @Indexed LocalDate due) {}
                """);
        JavaFileObject event = annotated("shop.Event", """
                @Model(ordering = "at")
                public record Event(@Id String id, java.time.Instant at) {}
                """);
        JavaFileObject use = java("shop.UseOrdered", """
                class UseOrdered {
                    static Object run(TaskDao tasks, EventDao events) {
                        return java.util.List.of(tasks.query().filter(TaskQuery.due.ge(java.time.LocalDate.EPOCH)).limit(3).list(),
                            events.query().filter(EventQuery.id.in("a", "b")).offset(1).ids());
                    }
                }
                """);
        assertThat(compile(task, event, use)).succeeded();
    }
}
