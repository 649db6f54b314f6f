package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.annotated;
import static dev.redao.processor.TestCompiler.compile;
import static dev.redao.processor.TestCompiler.compileToDirectory;
import static dev.redao.processor.TestCompiler.compileWith;
import static dev.redao.processor.TestCompiler.compileWithClasspath;
import static dev.redao.processor.TestCompiler.java;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.redao.processor.diag.Message;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per message of the catalogue: the error is reported, on the element that causes it,
 * and exactly once. No input triggers {@link Message#INTERNAL_ERROR}: its test makes a phase fail.
 */
class ProcessorErrorsTest {

    /** The message a test proves; {@link #everyMessageHasATest()} reads it. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Covers {
        Message value();
    }

    @Test
    void everyMessageHasATest() {
        Set<Message> covered = EnumSet.noneOf(Message.class);
        for (Method m : ProcessorErrorsTest.class.getDeclaredMethods()) {
            Covers covers = m.getAnnotation(Covers.class);
            if (covers != null && m.isAnnotationPresent(Test.class)) {
                covered.add(covers.value());
            }
        }
        assertEquals(EnumSet.allOf(Message.class), covered, "every catalogued message needs a negative test here");
    }

    @Test
    @Covers(Message.MODEL_NOT_CLASS_OR_RECORD)
    void modelOnInterfaceOrEnum() {
        JavaFileObject named = java("test.Named", """
                import dev.redao.annotations.Model;
                @Model
                public interface Named {
                    String name();
                }
                """);
        assertOnlyError(compile(named), Message.MODEL_NOT_CLASS_OR_RECORD,
                "@Model is on an interface 'test.Named'", named, "public interface Named");

        JavaFileObject color = java("test.Color", """
                import dev.redao.annotations.Model;
                @Model
                public enum Color {
                    RED, GREEN
                }
                """);
        assertOnlyError(compile(color), Message.MODEL_NOT_CLASS_OR_RECORD,
                "@Model is on an enum 'test.Color'", color, "public enum Color");
    }

    @Test
    @Covers(Message.MODEL_ABSTRACT)
    void abstractModel() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public abstract class User {
                    @Id Long id;
                }
                """);
        assertOnlyError(compile(user), Message.MODEL_ABSTRACT,
                "'test.User' is abstract", user, "public abstract class User");
    }

    @Test
    @Covers(Message.MODEL_NOT_PUBLIC)
    void packagePrivateModel() {
        JavaFileObject user = annotated("test.User", """
                @Model
                record User(
                        @Id Long id,
                        String name) {}
                """);
        assertOnlyError(compile(user), Message.MODEL_NOT_PUBLIC,
                "type 'test.User' is not public", user, "record User(");
    }

    @Test
    @Covers(Message.MODEL_INNER_CLASS)
    void innerClassModel() {
        JavaFileObject outer = annotated("test.Outer", """
                public class Outer {
                    @Model
                    public class Inner {
                        @Id Long id;
                    }
                }
                """);
        assertOnlyError(compile(outer), Message.MODEL_INNER_CLASS,
                "'test.Outer.Inner' is an inner class", outer, "public class Inner");
    }

    @Test
    @Covers(Message.MODEL_ENCLOSING_NOT_PUBLIC)
    void modelNestedInNonPublicType() {
        JavaFileObject outer = annotated("test.Outer", """
                class Outer {
                    @Model
                    public record Inner(@Id Long id) {}
                }
                """);
        assertOnlyError(compile(outer), Message.MODEL_ENCLOSING_NOT_PUBLIC,
                "'Inner' is nested in 'test.Outer', which is not public", outer, "public record Inner");
    }

    @Test
    @Covers(Message.MODEL_GENERIC)
    void genericModel() {
        JavaFileObject box = annotated("test.Box", """
                @Model
                public class Box<T> {
                    @Id Long id;
                    T content;
                }
                """);
        assertOnlyError(compile(box), Message.MODEL_GENERIC,
                "'test.Box' has type parameters 'T'", box, "public class Box<T>");
    }

    @Test
    @Covers(Message.MODEL_NAME_INVALID)
    void invalidModelName() {
        JavaFileObject user = annotated("test.User", """
                @Model(
                        name = "bad name")
                public record User(@Id Long id) {}
                """);
        assertOnlyError(compile(user), Message.MODEL_NAME_INVALID,
                "@Model(name = \"bad name\") is not a valid model name", user, "name = \"bad name\"");
    }

    @Test
    @Covers(Message.MODEL_NAME_DUPLICATE)
    void twoModelsWithOneKeyName() {
        JavaFileObject first = Fixtures.bareUser("a");
        JavaFileObject second = annotated("b.User", """
                @Model
                public record User(@Id String id) {}
                """);
        assertOnlyError(compile(first, second), Message.MODEL_NAME_DUPLICATE,
                "has the key name 'user', which 'a.User' already has", second, "public record User");

        JavaFileObject customer = annotated("a.Customer", """
                @Model(name = "user")
                public record Customer(@Id Long id) {}
                """);
        assertOnlyError(compile(first, customer), Message.MODEL_NAME_DUPLICATE,
                "@Model 'Customer' has the key name 'user'", customer, "public record Customer");
    }

    @Test
    @Covers(Message.ORDERING_UNKNOWN_FIELD)
    void orderingByAFieldThatIsNotStored() {
        JavaFileObject post = annotated("test.Post", """
                import java.time.Instant;
                @Model(name = "post",
                        ordering = "-createdAt")
                public record Post(
                        @Id Long id,
                        Instant created) {}
                """);
        assertOnlyError(compile(post), Message.ORDERING_UNKNOWN_FIELD,
                "@Model(ordering = \"-createdAt\") names no stored field of 'Post'. Did you mean 'created'?",
                post, "ordering = \"-createdAt\"");

        JavaFileObject task = annotated("test.Task", """
                @Model(ordering = "priority")
                public record Task(@Id Long id, String title, int score, java.time.LocalDate due) {}
                """);
        assertOnlyError(compile(task), Message.ORDERING_UNKNOWN_FIELD,
                "@Model(ordering = \"priority\") names no stored field of 'Task'. It can be ordered by 'score', 'due'.",
                task, "ordering = \"priority\"");

        JavaFileObject item = annotated("test.Item", """
                @Model(ordering = "rank")
                public class Item {
                    @Id Long id;
                    transient int rank;
                }
                """);
        assertOnlyError(compile(item), Message.ORDERING_UNKNOWN_FIELD,
                "@Model(ordering = \"rank\") names no stored field of 'Item'. It has no stored numeric or temporal field.",
                item, "ordering = \"rank\"");
    }

    @Test
    void orderingByAFieldWithItsOwnErrorsIsNotReportedAgain() {
        JavaFileObject item = annotated("test.Item", """
                @Model(ordering = "rank")
                public class Item {
                    @Id Long id;
                    private int rank;
                    public void setRank(int rank) { this.rank = rank; }
                }
                """);
        assertOnlyError(compile(item), Message.FIELD_NOT_READABLE,
                "Stored field 'rank' is private and has no getter", item, "private int rank;");
    }

    @Test
    @Covers(Message.ORDERING_NOT_ORDERED_TYPE)
    void orderingByAFieldWithoutOrder() {
        JavaFileObject post = annotated("test.Post", """
                @Model(ordering = "title")
                public record Post(
                        @Id Long id,
                        String title) {}
                """);
        assertOnlyError(compile(post), Message.ORDERING_NOT_ORDERED_TYPE,
                "field 'title' has type 'java.lang.String', which has no order", post, "ordering = \"title\"");
    }

    @Test
    void orderingByANumberOrTimeCompiles() {
        JavaFileObject post = annotated("test.Post", """
                import java.time.Instant;
                @Model(ordering = "-createdAt")
                public record Post(
                        @Id Long id,
                        Instant createdAt) {}
                """);
        JavaFileObject item = annotated("test.Item", """
                @Model(ordering = "rank")
                public class Item {
                    @Id String id;
                    @Indexed int rank;
                }
                """);
        assertThat(compile(post, item)).succeededWithoutWarnings();
    }

    /** A model with a set-indexed country and city, a sorted-indexed age and score, and a plain name. */
    private static JavaFileObject indexedUser(String indexes) {
        return annotated("test.User", """
                @Model(indexes = %s)
                public record User(@Id Long id, @Indexed String country, @Indexed String city, @Indexed int age,
                        @Indexed double score, String name) {}
                """.formatted(indexes));
    }

    @Test
    @Covers(Message.COMPOUND_INDEX_FIELD_COUNT)
    void compoundIndexOfOtherThanTwoFields() {
        JavaFileObject three = indexedUser("""
                @Index(
                        {"country", "age", "name"})""");
        assertOnlyError(compile(three), Message.COMPOUND_INDEX_FIELD_COUNT,
                "@Index({\"country\", \"age\", \"name\"}) on 'User' names 3 field(s), but a compound index takes "
                        + "exactly two: the field selected by equality, then the field sorted by, as in "
                        + "@Index({\"country\", \"age\"}). Name two fields.",
                three, "{\"country\", \"age\", \"name\"}");

        JavaFileObject one = indexedUser("""
                @Index(
                        "country")""");
        assertOnlyError(compile(one), Message.COMPOUND_INDEX_FIELD_COUNT,
                "@Index({\"country\"}) on 'User' names 1 field(s)", one, "\"country\")");
    }

    @Test
    @Covers(Message.COMPOUND_INDEX_UNKNOWN_FIELD)
    void compoundIndexNamingNoStoredField() {
        JavaFileObject typo = indexedUser("""
                @Index(
                        {"contry", "age"})""");
        assertOnlyError(compile(typo), Message.COMPOUND_INDEX_UNKNOWN_FIELD,
                "@Index({\"contry\", \"age\"}) on 'User' names 'contry', which is none of its stored fields. "
                        + "Did you mean 'country'?",
                typo, "{\"contry\", \"age\"}");

        JavaFileObject none = indexedUser("@Index({\"country\", \"zip\"})");
        assertOnlyError(compile(none), Message.COMPOUND_INDEX_UNKNOWN_FIELD,
                "names 'zip', which is none of its stored fields. Its stored fields are 'id', 'country', 'city', 'age', "
                        + "'score', 'name'.",
                none, "@Index({\"country\", \"zip\"})");

        JavaFileObject storedName = annotated("test.User", """
                @Model(indexes = @Index({"c", "age"}))
                public record User(@Id Long id, @Stored("c") @Indexed String country, @Indexed int age) {}
                """);
        assertOnlyError(compile(storedName), Message.COMPOUND_INDEX_UNKNOWN_FIELD,
                "names 'c', which is none of its stored fields. Did you mean 'country', which is stored as 'c'? "
                        + "@Index names fields by their Java names.",
                storedName, "@Index({\"c\", \"age\"})");

        JavaFileObject unstored = annotated("test.User", """
                @Model(indexes = @Index({"country", "rank"}))
                public class User {
                    @Id Long id;
                    @Indexed String country;
                    transient int rank;
                }
                """);
        assertOnlyError(compile(unstored), Message.COMPOUND_INDEX_UNKNOWN_FIELD,
                "names 'rank', which is none of its stored fields. Its stored fields are 'id', 'country'.",
                unstored, "@Index({\"country\", \"rank\"})");
    }

    @Test
    @Covers(Message.COMPOUND_INDEX_FIRST_NOT_EQUALITY)
    void compoundIndexWhoseFirstFieldHasNoSetIndex() {
        JavaFileObject numeric = indexedUser("""
                @Index(
                        {"age", "score"})""");
        assertOnlyError(compile(numeric), Message.COMPOUND_INDEX_FIRST_NOT_EQUALITY,
                "@Index({\"age\", \"score\"}) on 'User': its first field 'age' of type 'int' has no equality index, "
                        + "and the compound index keeps a sorted set per value of its first field. Name first a text, "
                        + "enum, boolean, character or UUID field with @Indexed, or a @References field; add @Indexed to "
                        + "the field if it is one. A number, date or time cannot come first: select its values by a "
                        + "range on its own sorted index instead.",
                numeric, "{\"age\", \"score\"}");

        JavaFileObject plain = indexedUser("@Index({\"name\", \"age\"})");
        assertOnlyError(compile(plain), Message.COMPOUND_INDEX_FIRST_NOT_EQUALITY,
                "its first field 'name' of type 'java.lang.String' has no equality index", plain, "@Index({\"name\", \"age\"})");

        // each field's mistake, once
        JavaFileObject both = indexedUser("@Index({\"age\", \"city\"})");
        Compilation compilation = compileWithErrors(2, both);
        assertError(compilation, Message.COMPOUND_INDEX_FIRST_NOT_EQUALITY, "its first field 'age'", both, "@Index(");
        assertError(compilation, Message.COMPOUND_INDEX_SECOND_NOT_ORDERED, "its second field 'city'", both, "@Index(");
    }

    @Test
    @Covers(Message.COMPOUND_INDEX_SECOND_NOT_ORDERED)
    void compoundIndexWhoseSecondFieldHasNoSortedIndex() {
        JavaFileObject text = indexedUser("""
                @Index(
                        {"country", "city"})""");
        assertOnlyError(compile(text), Message.COMPOUND_INDEX_SECOND_NOT_ORDERED,
                "@Index({\"country\", \"city\"}) on 'User': its second field 'city' of type 'java.lang.String' has no "
                        + "sorted index, whose scores the compound index shares. Name second a number, date or time field "
                        + "with @Indexed; add @Indexed to the field if it is one.",
                text, "{\"country\", \"city\"}");

        JavaFileObject plain = annotated("test.User", """
                @Model(indexes = @Index({"country", "age"}))
                public record User(@Id Long id, @Indexed String country, int age) {}
                """);
        assertOnlyError(compile(plain), Message.COMPOUND_INDEX_SECOND_NOT_ORDERED,
                "its second field 'age' of type 'int' has no sorted index", plain, "@Index({\"country\", \"age\"})");
    }

    @Test
    @Covers(Message.COMPOUND_INDEX_SECOND_INEXACT)
    void compoundIndexWhoseSecondFieldScoresInexactly() {
        JavaFileObject text = annotated("test.Order", """
                @Model(indexes = @Index({"customer", "total"}))
                public record Order(@Id Long id, @Indexed String customer, @Indexed java.math.BigDecimal total) {}
                """);
        assertOnlyError(compile(text), Message.COMPOUND_INDEX_SECOND_INEXACT,
                "@Index({\"customer\", \"total\"}) on 'Order': its second field 'total' is a 'java.math.BigDecimal', whose "
                        + "values a score (a double) holds only approximately, so the compound index would order and range them "
                        + "inexactly. Name second a byte, short, int, long (a save refuses a long beyond 2^53), float, double, "
                        + "date or time field.",
                text, "@Index({\"customer\", \"total\"})");
    }

    @Test
    @Covers(Message.COMPOUND_INDEX_DUPLICATE)
    void compoundIndexDeclaredTwice() {
        JavaFileObject twice = indexedUser("""
                {@Index({"country", "age"}), @Index({"city", "age"}),
                        @Index({"country", "age"})}""");
        assertOnlyError(compile(twice), Message.COMPOUND_INDEX_DUPLICATE,
                "@Index({\"country\", \"age\"}) on 'User' is declared twice: both would keep the same sorted sets. "
                        + "Remove one of them.",
                twice, "        @Index({\"country\", \"age\"})}");
    }

    @Test
    void compoundIndexOfAFieldWithItsOwnErrorsIsNotReportedAgain() {
        JavaFileObject user = annotated("test.User", """
                @Model(indexes = @Index({"country", "age"}))
                public class User {
                    @Id Long id;
                    @Indexed String country;
                    @Indexed private int age;
                    public void setAge(int age) { this.age = age; }
                }
                """);
        assertOnlyError(compile(user), Message.FIELD_NOT_READABLE,
                "Stored field 'age' is private and has no getter", user, "private int age;");
    }

    @Test
    @Covers(Message.MODEL_NO_ID)
    void modelWithoutId() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public record User(
                        String email,
                        String name) {}
                """);
        assertOnlyError(compile(user), Message.MODEL_NO_ID,
                "@Model 'User' has no @Id field", user, "public record User(");
    }

    @Test
    @Covers(Message.MODEL_NO_CONSTRUCTOR)
    void classWithoutAccessibleNoArgConstructor() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public class User {
                    @Id Long id;
                    public User(Long id) { this.id = id; }
                }
                """);
        assertOnlyError(compile(user), Message.MODEL_NO_CONSTRUCTOR,
                "'test.User' has no constructor without parameters", user, "public class User");

        JavaFileObject hidden = annotated("test.Hidden", """
                @Model
                public class Hidden {
                    @Id Long id;
                    private Hidden() {}
                }
                """);
        assertOnlyError(compile(hidden), Message.MODEL_NO_CONSTRUCTOR,
                "'test.Hidden' has no constructor without parameters", hidden, "public class Hidden");
    }

    @Test
    @Covers(Message.ID_DUPLICATE)
    void twoIds() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public record User(
                        @Id Long id,
                        @Id Long other) {}
                """);
        assertOnlyError(compile(user), Message.ID_DUPLICATE,
                "'User' has a second @Id: 'id' already is the id", user, "@Id Long other");

        JavaFileObject account = annotated("test.Account", """
                @Model
                public class Account {
                    @Id Long id;
                    @Id String login;
                }
                """);
        assertOnlyError(compile(account), Message.ID_DUPLICATE,
                "'Account' has a second @Id: 'id' already is the id", account, "@Id String login");
    }

    @Test
    @Covers(Message.ID_PRIMITIVE)
    void primitiveId() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public record User(
                        @Id long id,
                        String name) {}
                """);
        assertOnlyError(compile(user), Message.ID_PRIMITIVE,
                "@Id field 'id' is a primitive 'long', which cannot be null", user, "@Id long id");

        JavaFileObject item = annotated("test.Item", """
                @Model
                public class Item {
                    @Id int id;
                }
                """);
        assertOnlyError(compile(item), Message.ID_PRIMITIVE, "Use Integer.", item, "@Id int id");
    }

    @Test
    @Covers(Message.ID_UNSUPPORTED_TYPE)
    void unsupportedIdType() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public record User(
                        @Id Double id,
                        String name) {}
                """);
        assertOnlyError(compile(user), Message.ID_UNSUPPORTED_TYPE,
                "@Id field 'id' has type 'java.lang.Double'", user, "@Id Double id");

        JavaFileObject day = annotated("test.Day", """
                import java.time.LocalDate;
                @Model
                public class Day {
                    @Id LocalDate date;
                }
                """);
        assertOnlyError(compile(day), Message.ID_UNSUPPORTED_TYPE,
                "@Id field 'date' has type 'java.time.LocalDate'", day, "@Id LocalDate date");
    }

    @Test
    @Covers(Message.ID_ALSO_INDEXED)
    void idAlsoIndexedOrUnique() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public record User(
                        @Id @Unique String id,
                        String name) {}
                """);
        assertOnlyError(compile(user), Message.ID_ALSO_INDEXED,
                "@Id field 'id' is also @Unique", user, "@Id @Unique String id");

        JavaFileObject item = annotated("test.Item", """
                @Model
                public class Item {
                    @Id @Indexed Long id;
                }
                """);
        assertOnlyError(compile(item), Message.ID_ALSO_INDEXED,
                "@Id field 'id' is also @Indexed", item, "@Id @Indexed Long id");
    }

    @Test
    @Covers(Message.INDEXED_UNSUPPORTED_TYPE)
    void indexedOnTypesWithoutIndex() {
        JavaFileObject user = annotated("test.User", """
                import java.util.List;
                import java.util.Map;
                @Model
                public record User(
                        @Id Long id,
                        @Indexed List<String> tags,
                        @Indexed Map<String, Integer> scores,
                        @Indexed Address address,
                        @Indexed byte[] avatar) {
                    public record Address(String city) {}
                }
                """);
        Compilation compilation = compileWithErrors(4, user);
        assertError(compilation, Message.INDEXED_UNSUPPORTED_TYPE,
                "@Indexed field 'tags' has type 'java.util.List<java.lang.String>'", user, "@Indexed List<String> tags");
        assertError(compilation, Message.INDEXED_UNSUPPORTED_TYPE,
                "@Indexed field 'scores' has type 'java.util.Map<java.lang.String,java.lang.Integer>'", user, "@Indexed Map<");
        assertError(compilation, Message.INDEXED_UNSUPPORTED_TYPE,
                "@Indexed field 'address' has type 'test.User.Address'", user, "@Indexed Address address");
        assertError(compilation, Message.INDEXED_UNSUPPORTED_TYPE,
                "@Indexed field 'avatar' has type 'byte[]'", user, "@Indexed byte[] avatar");
    }

    @Test
    @Covers(Message.INDEXED_PREFIX_NOT_STRING)
    void prefixOnANonStringField() {
        JavaFileObject user = annotated("test.User", """
                import java.util.List;
                import java.util.UUID;
                @Model
                public record User(
                        @Id Long id,
                        @Indexed(prefix = true) int age,
                        @Indexed(prefix = true) UUID token,
                        @Indexed(prefix = true) List<String> tags,
                        @Indexed(prefix = false) long score,
                        @Indexed(prefix = true) String name) {}
                """);
        Compilation compilation = compileWithErrors(3, user);
        assertError(compilation, Message.INDEXED_PREFIX_NOT_STRING,
                "@Indexed(prefix = true) on 'age' of type 'int': a prefix index is kept only for String fields",
                user, "@Indexed(prefix = true) int age");
        assertError(compilation, Message.INDEXED_PREFIX_NOT_STRING,
                "@Indexed(prefix = true) on 'token' of type 'java.util.UUID'", user, "@Indexed(prefix = true) UUID token");
        // one problem, one message: a type without any index is only that
        assertError(compilation, Message.INDEXED_UNSUPPORTED_TYPE,
                "@Indexed field 'tags' has type 'java.util.List<java.lang.String>'", user, "List<String> tags");

        JavaFileObject item = annotated("test.Item", """
                @Model
                public class Item {
                    @Id Long id;
                    @Indexed(prefix = true) java.time.LocalDate day;
                }
                """);
        assertOnlyError(compile(item), Message.INDEXED_PREFIX_NOT_STRING,
                "@Indexed(prefix = true) on 'day' of type 'java.time.LocalDate'", item, "LocalDate day");
    }

    @Test
    @Covers(Message.UNIQUE_UNSUPPORTED_TYPE)
    void uniqueOnList() {
        JavaFileObject user = annotated("test.User", """
                import java.util.List;
                @Model
                public record User(
                        @Id Long id,
                        @Unique List<String> emails) {}
                """);
        assertOnlyError(compile(user), Message.UNIQUE_UNSUPPORTED_TYPE,
                "@Unique field 'emails' has type 'java.util.List<java.lang.String>', which cannot be unique",
                user, "@Unique List<String> emails");
    }

    @Test
    @Covers(Message.UNIQUE_FLOATING_POINT)
    void uniqueOnFloatingPoint() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public record User(
                        @Id Long id,
                        @Unique double score) {}
                """);
        assertOnlyError(compile(user), Message.UNIQUE_FLOATING_POINT,
                "@Unique field 'score' is a floating-point 'double'", user, "@Unique double score");

        JavaFileObject item = annotated("test.Item", """
                @Model
                public class Item {
                    @Id Long id;
                    @Unique @Indexed Float weight;
                }
                """);
        assertOnlyError(compile(item), Message.UNIQUE_FLOATING_POINT,
                "@Unique field 'weight' is a floating-point 'java.lang.Float'", item, "Float weight");
    }

    @Test
    @Covers(Message.VERSION_TYPE)
    void versionThatIsNotALong() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public record User(
                        @Id Long id,
                        @Version int version) {}
                """);
        assertOnlyError(compile(user), Message.VERSION_TYPE,
                "@Version field 'version' has type 'int', but a version is a count of saves. Make it long or Long.",
                user, "@Version int version");

        JavaFileObject item = annotated("test.Item", """
                import java.time.Instant;
                @Model
                public class Item {
                    @Id Long id;
                    @Version Instant changed;
                }
                """);
        assertOnlyError(compile(item), Message.VERSION_TYPE,
                "@Version field 'changed' has type 'java.time.Instant'", item, "@Version Instant changed");
    }

    @Test
    void versionOfTypeLongOrLongCompiles() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public record User(@Id Long id, @Version long version) {}
                """);
        JavaFileObject item = annotated("test.Item", """
                @Model
                public class Item {
                    @Id String id;
                    @Version Long version;
                }
                """);
        assertThat(compile(user, item)).succeededWithoutWarnings();
    }

    @Test
    @Covers(Message.VERSION_DUPLICATE)
    void twoVersions() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public record User(
                        @Id Long id,
                        @Version long version,
                        @Version long revision) {}
                """);
        assertOnlyError(compile(user), Message.VERSION_DUPLICATE,
                "'User' has a second @Version: 'version' already is the version. Keep @Version on exactly one field.",
                user, "@Version long revision");

        // the first one may sit in an abstract base class
        JavaFileObject base = Fixtures.versionedBase("test");
        JavaFileObject item = annotated("test.Item", """
                @Model
                public class Item extends Versioned {
                    @Id Long id;
                    @Version long stamp;
                }
                """);
        assertOnlyError(compile(base, item), Message.VERSION_DUPLICATE,
                "'Item' has a second @Version: 'version' already is the version", item, "@Version long stamp");
    }

    @Test
    @Covers(Message.VERSION_INDEXED)
    void versionThatIsAlsoIdIndexedOrUnique() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public record User(
                        @Id Long id,
                        @Version @Indexed long version) {}
                """);
        assertOnlyError(compile(user), Message.VERSION_INDEXED,
                "@Version field 'version' is also @Indexed, but a version changes on every save, so it can be neither "
                        + "the id nor indexed nor unique. Remove @Indexed, or keep the version in a field of its own.",
                user, "@Version @Indexed long version");

        JavaFileObject item = annotated("test.Item", """
                @Model
                public class Item {
                    @Id Long id;
                    @Unique @Indexed @Version Long version;
                }
                """);
        assertOnlyError(compile(item), Message.VERSION_INDEXED,
                "@Version field 'version' is also @Indexed and @Unique", item, "@Unique @Indexed @Version Long version");

        JavaFileObject account = annotated("test.Account", """
                @Model
                public class Account {
                    @Id @Version Long id;
                }
                """);
        assertOnlyError(compile(account), Message.VERSION_INDEXED,
                "@Version field 'id' is also @Id", account, "@Id @Version Long id");
    }

    @Test
    @Covers(Message.VERSION_ORDERING)
    void orderingByTheVersion() {
        JavaFileObject post = annotated("test.Post", """
                @Model(name = "post",
                        ordering = "-version")
                public record Post(
                        @Id Long id,
                        @Version long version) {}
                """);
        assertOnlyError(compile(post), Message.VERSION_ORDERING,
                "@Model(ordering = \"-version\") names the @Version field 'version', which the save script advances",
                post, "ordering = \"-version\"");
    }

    @Test
    @Covers(Message.FIELD_NOT_ACCESSIBLE)
    void privateFieldWithoutGetterOrSetterGetsOneError() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public class User {
                    @Id Long id;
                    private int age;
                }
                """);
        assertOnlyError(compile(user), Message.FIELD_NOT_ACCESSIBLE,
                "Stored field 'age' is private and has neither a getter nor a setter the DAO can call. Add a public or package-private getAge() and setAge(int)",
                user, "private int age;");
    }

    @Test
    @Covers(Message.FIELD_RAW_TYPE)
    void rawGenericFieldType() {
        JavaFileObject user = annotated("test.User", """
                import java.util.List;
                @Model
                @SuppressWarnings("rawtypes")
                public record User(@Id Long id, List tags) {}
                """);
        assertOnlyError(compile(user), Message.FIELD_RAW_TYPE,
                "Stored field 'tags' has the raw type 'java.util.List'", user, "List tags");
    }

    @Test
    @Covers(Message.FIELD_NOT_READABLE)
    void privateFieldWithoutGetter() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public class User {
                    @Id Long id;
                    private String name;
                    private boolean active;
                    public void setName(String name) { this.name = name; }
                    public void setActive(boolean active) { this.active = active; }
                    private boolean isActive() { return active; }
                }
                """);
        Compilation compilation = compileWithErrors(2, user);
        assertError(compilation, Message.FIELD_NOT_READABLE,
                "Stored field 'name' is private and has no getter the DAO can call. Add a public or package-private getName()",
                user, "private String name;");
        assertError(compilation, Message.FIELD_NOT_READABLE,
                "Add a public or package-private isActive()", user, "private boolean active;");
    }

    @Test
    @Covers(Message.FIELD_NOT_WRITABLE)
    void finalFieldWithoutSetter() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public class User {
                    @Id Long id;
                    final String name;
                    private int age;
                    public User() { name = null; }
                    public int getAge() { return age; }
                }
                """);
        Compilation compilation = compileWithErrors(2, user);
        assertError(compilation, Message.FIELD_NOT_WRITABLE,
                "Stored field 'name' cannot be set by the DAO: it is final and has no setter. Add a public or package-private setName(java.lang.String)",
                user, "final String name;");
        assertError(compilation, Message.FIELD_NOT_WRITABLE,
                "it is private and has no setter. Add a public or package-private setAge(int)", user, "private int age;");
    }

    @Test
    @Covers(Message.ANNOTATION_ON_UNSTORED_FIELD)
    void annotationOnStaticOrTransientField() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public class User {
                    @Id Long id;
                    @Indexed static String region;
                }
                """);
        assertOnlyError(compile(user), Message.ANNOTATION_ON_UNSTORED_FIELD,
                "@Indexed on 'region', which is not stored because it is static", user, "@Indexed static String region");

        JavaFileObject account = annotated("test.Account", """
                @Model
                public class Account {
                    @Id Long id;
                    @Unique @Transient String login;
                }
                """);
        assertOnlyError(compile(account), Message.ANNOTATION_ON_UNSTORED_FIELD,
                "@Unique on 'login', which is not stored because it is transient", account, "@Unique @Transient String login");

        JavaFileObject item = annotated("test.Item", """
                @Model
                public class Item {
                    @Id Long id;
                    @Version transient long version;
                    @Version static long counter;
                }
                """);
        Compilation compilation = compileWithErrors(2, item);
        assertError(compilation, Message.ANNOTATION_ON_UNSTORED_FIELD,
                "@Version on 'version', which is not stored because it is transient", item, "@Version transient long version");
        assertError(compilation, Message.ANNOTATION_ON_UNSTORED_FIELD,
                "@Version on 'counter', which is not stored because it is static", item, "@Version static long counter");

        JavaFileObject order = annotated("test.Order", """
                @Model
                public class Order {
                    @Id Long id;
                    @References(value = Order.class, onDelete = OnDelete.KEEP) transient Long previousId;
                }
                """);
        assertOnlyError(compile(order), Message.ANNOTATION_ON_UNSTORED_FIELD,
                "@References on 'previousId', which is not stored because it is transient", order, "transient Long previousId");
    }

    @Test
    @Covers(Message.FIELD_TYPE_NOT_ACCESSIBLE)
    void fieldOfPrivateNestedType() {
        JavaFileObject user = annotated("test.User", """
                import java.util.List;
                @Model
                public class User {
                    private record Secret(String value) {}
                    @Id Long id;
                    List<Secret> secrets;
                }
                """);
        assertOnlyError(compile(user), Message.FIELD_TYPE_NOT_ACCESSIBLE,
                "Stored field 'secrets' has type 'java.util.List<test.User.Secret>', but 'test.User.Secret' is private",
                user, "List<Secret> secrets");
    }

    @Test
    @Covers(Message.STRUCTURE_RAW)
    @SuppressWarnings("rawtypes")
    void rawStructureField() {
        JavaFileObject note = annotated("test.Note", """
                import dev.redao.runtime.structure.RedisMap;
                @Model
                public record Note(@Id Long id, RedisMap tags) {}
                """);
        assertOnlyError(compile(note), Message.STRUCTURE_RAW,
                "Structure field 'tags' is a raw RedisMap. Give its element key and value types, as in RedisMap<String, Integer>.",
                note, "RedisMap tags");
    }

    @Test
    @Covers(Message.STRUCTURE_ELEMENT_TYPE)
    void structureFieldOfElementsStoredAsJson() {
        JavaFileObject note = annotated("test.Note", """
                import dev.redao.runtime.structure.RedisList;
                @Model
                public record Note(@Id Long id, RedisList<java.util.List<String>> lines) {}
                """);
        assertOnlyError(compile(note), Message.STRUCTURE_ELEMENT_TYPE,
                "Structure field 'lines' is a RedisList whose elements are 'java.util.List<java.lang.String>', which a "
                        + "structure cannot hold: its elements are stored as text, as fields are. Use String, a number, "
                        + "boolean, char, an enum, UUID, BigDecimal, BigInteger or a java.time type.",
                note, "RedisList<java.util.List<String>> lines");
    }

    @Test
    @Covers(Message.STRUCTURE_ANNOTATED)
    void indexedStructureField() {
        JavaFileObject note = annotated("test.Note", """
                import dev.redao.runtime.structure.RedisSet;
                @Model
                public record Note(@Id Long id, @Indexed RedisSet<String> tags) {}
                """);
        assertOnlyError(compile(note), Message.STRUCTURE_ANNOTATED,
                "Structure field 'tags' is @Indexed, but a structure lives under a key of its own, not in the object's "
                        + "hash, so it cannot be @Indexed. Remove @Indexed, or keep the value in an ordinary field.",
                note, "@Indexed RedisSet<String> tags");
    }

    @Test
    @Covers(Message.STRUCTURE_NAME_TAKEN)
    void structureFieldNamedAsADaoMethod() {
        JavaFileObject note = annotated("test.Note", """
                import dev.redao.runtime.structure.RedisList;
                @Model
                public record Note(@Id Long id, RedisList<String> count) {}
                """);
        assertOnlyError(compile(note), Message.STRUCTURE_NAME_TAKEN,
                "Structure field 'count' of 'Note' would give its DAO a method of that name, which every DAO has already. "
                        + "Rename the field.",
                note, "RedisList<String> count");
    }

    @Test
    @Covers(Message.TRANSIENT_ON_RECORD)
    void transientRecordComponent() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public record User(
                        @Id Long id,
                        @Transient String cache) {}
                """);
        assertOnlyError(compile(user), Message.TRANSIENT_ON_RECORD,
                "Record component 'cache' is @Transient", user, "@Transient String cache");
    }

    @Test
    @Covers(Message.MEMBER_OUTSIDE_MODEL)
    void memberAnnotationOutsideModel() {
        JavaFileObject plain = annotated("test.Plain", """
                public class Plain {
                    @Indexed String name;
                }
                """);
        assertOnlyError(compile(plain), Message.MEMBER_OUTSIDE_MODEL,
                "@Indexed on 'Plain.name', but 'Plain' is not a @Model", plain, "@Indexed String name");

        // on a record, the annotation is on the component and its field: reported once
        JavaFileObject point = annotated("test.Point", """
                public record Point(
                        @Id Long id,
                        int x) {}
                """);
        assertOnlyError(compile(point), Message.MEMBER_OUTSIDE_MODEL,
                "@Id on 'Point.id', but 'Point' is not a @Model", point, "@Id Long id");

        // a concrete superclass of a model is no base class: its members mean nothing there
        JavaFileObject base = annotated("test.Base", """
                public class Base {
                    @Unique String code;
                }
                """);
        JavaFileObject user = annotated("test.User", """
                @Model
                public class User extends Base {
                    @Id Long id;
                }
                """);
        assertOnlyError(compile(base, user), Message.MEMBER_OUTSIDE_MODEL,
                "@Unique on 'Base.code', but 'Base' is not a @Model", base, "@Unique String code");

        JavaFileObject stamped = annotated("test.Stamped", """
                public record Stamped(String name, @Version long version) {}
                """);
        assertOnlyError(compile(stamped), Message.MEMBER_OUTSIDE_MODEL,
                "@Version on 'Stamped.version', but 'Stamped' is not a @Model", stamped, "@Version long version");

        JavaFileObject line = annotated("test.Line", """
                public record Line(
                        @References(value = Customer.class, onDelete = OnDelete.KEEP) Long customerId) {}
                """);
        assertOnlyError(compile(CUSTOMER, line), Message.MEMBER_OUTSIDE_MODEL,
                "@References on 'Line.customerId', but 'Line' is not a @Model", line, "Long customerId");
    }

    @Test
    void memberAnnotationsInAbstractBaseClassAreAllowed() {
        JavaFileObject base = annotated("test.Base", """
                public abstract class Base {
                    @Id Long id;
                    @Indexed String country;
                }
                """);
        Compilation alone = compile(base);
        assertThat(alone).succeededWithoutWarnings();

        JavaFileObject user = annotated("test.User", """
                @Model
                public class User extends Base {
                    String name;
                }
                """);
        Compilation withModel = compile(base, user);
        assertThat(withModel).succeededWithoutWarnings();
        assertThat(withModel).generatedSourceFile("test.UserDao");
    }

    @Test
    @Covers(Message.GENERATED_NAME_CLASH)
    void userTypeTakesTheDaoName() {
        JavaFileObject user = Fixtures.bareUser("test");
        JavaFileObject existing = java("test.UserDao", """
                public class UserDao {
                }
                """);
        assertOnlyError(compile(user, existing), Message.GENERATED_NAME_CLASH,
                "Redao would generate 'UserDao' for @Model 'User', but a type 'test.UserDao' already exists",
                user, "public record User");

        JavaFileObject query = java("test.UserQuery", """
                public final class UserQuery {
                }
                """);
        assertOnlyError(compile(user, query), Message.GENERATED_NAME_CLASH,
                "Redao would generate 'UserQuery' for @Model 'User', but a type 'test.UserQuery' already exists",
                user, "public record User");
    }

    @Test
    @Covers(Message.MODEL_GROUP_INVALID)
    void invalidGroupName() {
        JavaFileObject user = annotated("test.User", """
                @Model(
                        group = "9 lives")
                public record User(@Id Long id) {}
                """);
        assertOnlyError(compile(user), Message.MODEL_GROUP_INVALID,
                "@Model(group = \"9 lives\") is not a valid group name: use letters, digits, '_', '-' and '.', starting with a letter",
                user, "group = \"9 lives\"");
    }

    // ---- references

    /** Customer with a Long id, in group "shop". */
    private static final JavaFileObject CUSTOMER = annotated("test.Customer", """
            @Model(group = "shop")
            public record Customer(@Id Long id, String name) {}
            """);

    @Test
    @Covers(Message.REFERENCE_NOT_MODEL)
    void referenceToATypeThatIsNoModel() {
        JavaFileObject plain = java("test.Plain", """
                public class Plain {
                    public Long id;
                }
                """);
        JavaFileObject order = annotated("test.Order", """
                @Model
                public record Order(
                        @Id Long id,
                        @References(value = Plain.class, onDelete = OnDelete.KEEP) Long plainId) {}
                """);
        assertOnlyError(compile(plain, order), Message.REFERENCE_NOT_MODEL,
                "@References(Plain.class) on field 'plainId' names 'test.Plain', which is not a @Model, so there is no object "
                        + "to reference. Reference a @Model type, or put @Model on 'Plain'.",
                order, "Long plainId");

        // a class named like a model, the model likely meant
        JavaFileObject view = java("test.CustomerView", """
                public record CustomerView(Long id, String name) {}
                """);
        JavaFileObject invoice = annotated("test.Invoice", """
                @Model
                public record Invoice(
                        @Id Long id,
                        @References(value = CustomerView.class, onDelete = OnDelete.KEEP) Long customerId) {}
                """);
        assertOnlyError(compile(CUSTOMER, view, invoice), Message.REFERENCE_NOT_MODEL,
                "names 'test.CustomerView', which is not a @Model, so there is no object to reference. "
                        + "Did you mean 'test.Customer'? Reference a @Model type, or put @Model on 'CustomerView'.",
                invoice, "Long customerId");
    }

    @Test
    @Covers(Message.REFERENCE_TYPE_MISMATCH)
    void referenceOfAnotherTypeThanTheId() {
        JavaFileObject order = annotated("test.Order", """
                @Model(group = "shop")
                public record Order(
                        @Id Long id,
                        @References(value = Customer.class, onDelete = OnDelete.CASCADE) long customerId) {}
                """);
        assertOnlyError(compile(CUSTOMER, order), Message.REFERENCE_TYPE_MISMATCH,
                "@References field 'customerId' has type 'long', but it holds the id of the referenced 'Customer' object, whose @Id "
                        + "has type 'java.lang.Long'. Declare the field as Long.",
                order, "long customerId");

        JavaFileObject invoice = annotated("test.Invoice", """
                @Model
                public class Invoice {
                    @Id java.util.UUID id;
                    @References(value = Customer.class, onDelete = OnDelete.KEEP) String customerId;
                }
                """);
        assertOnlyError(compile(CUSTOMER, invoice), Message.REFERENCE_TYPE_MISMATCH,
                "@References field 'customerId' has type 'java.lang.String', but it holds the id of the referenced 'Customer' object",
                invoice, "String customerId;");
    }

    @Test
    @Covers(Message.REFERENCE_ALSO_ID_OR_INDEXED)
    void referenceThatIsAlsoIdOrIndexed() {
        JavaFileObject order = annotated("test.Order", """
                @Model(group = "shop")
                public record Order(
                        @Id Long id,
                        @Indexed @References(value = Customer.class, onDelete = OnDelete.CASCADE) Long customerId) {}
                """);
        assertOnlyError(compile(CUSTOMER, order), Message.REFERENCE_ALSO_ID_OR_INDEXED,
                "@References field 'customerId' is also @Indexed, but a reference holds another object's id and is indexed "
                        + "already, so it can be neither this object's id nor @Indexed. Remove @Indexed.",
                order, "@Indexed @References");

        JavaFileObject profile = annotated("test.Profile", """
                @Model(group = "shop")
                public class Profile {
                    @Id @References(value = Customer.class, onDelete = OnDelete.CASCADE) Long id;
                }
                """);
        assertOnlyError(compile(CUSTOMER, profile), Message.REFERENCE_ALSO_ID_OR_INDEXED,
                "@References field 'id' is also @Id", profile, "@Id @References");
    }

    /** Order without a group, whose objects a delete of their Customer deletes. */
    private static final JavaFileObject CASCADING_ORDER = annotated("test.Order", """
            @Model
            public record Order(
                    @Id Long id,
                    @References(value = Customer.class, onDelete = OnDelete.CASCADE) Long customerId) {}
            """);

    @Test
    @Covers(Message.REFERENCE_GROUP_MISMATCH)
    void referenceBetweenGroupsThatActsOnDelete() {
        JavaFileObject customer = annotated("test.Customer", """
                @Model
                public record Customer(@Id Long id) {}
                """);
        assertOnlyError(compile(customer, CASCADING_ORDER), Message.REFERENCE_GROUP_MISMATCH,
                "@References(value = Customer.class, onDelete = CASCADE) on field 'customerId': deleting 'Customer' objects "
                        + "acts on the 'Order' objects that reference them in the same script, so both models must share a cluster "
                        + "slot, but neither 'Order' nor 'Customer' has a group, and a model without a group is a slot of its own. "
                        + "Give both the same @Model(group = \"...\"), or use onDelete = KEEP.",
                CASCADING_ORDER, "Long customerId");

        JavaFileObject invoice = annotated("test.Invoice", """
                @Model(group = "billing")
                public class Invoice {
                    @Id Long id;
                    @References(value = Customer.class, onDelete = OnDelete.RESTRICT) Long customerId;
                }
                """);
        assertOnlyError(compile(CUSTOMER, invoice), Message.REFERENCE_GROUP_MISMATCH,
                "but 'Invoice' is in group 'billing' and 'Customer' is in group 'shop'", invoice, "Long customerId;");
    }

    @Test
    @Covers(Message.REFERENCE_TARGET_NOT_IN_ROUND)
    void referenceThatActsOnDeleteToAModelOfAClassFile(@TempDir Path classes) throws IOException {
        compileToDirectory(classes, annotated("base.Account", """
                @Model(group = "accounts")
                public record Account(@Id String id) {}
                """));
        JavaFileObject item = annotated("shop.Item", """
                @Model(group = "accounts")
                public record Item(
                        @Id Long id,
                        @References(value = base.Account.class, onDelete = OnDelete.SET_NULL) String accountId) {}
                """);
        assertOnlyError(compileWithClasspath(classes.toFile(), item), Message.REFERENCE_TARGET_NOT_IN_ROUND,
                "@References(value = Account.class, onDelete = SET_NULL) on field 'accountId': 'Account' is not compiled "
                        + "together with 'Item' (it comes from a class file, another module or an earlier round), so its DAO is "
                        + "generated without knowing this reference, and deleting 'Account' objects could not act on it. Use "
                        + "onDelete = KEEP, "
                        + "or compile both models in one compilation.",
                item, "String accountId");
    }

    @Test
    @Covers(Message.REFERENCE_CASCADE_CYCLE)
    void cascadesThatGoRound() {
        JavaFileObject customer = annotated("test.Customer", """
                @Model(group = "shop")
                public record Customer(
                        @Id Long id,
                        @References(value = Order.class, onDelete = OnDelete.CASCADE) Long lastOrderId) {}
                """);
        JavaFileObject order = annotated("test.Order", """
                @Model(group = "shop")
                public record Order(
                        @Id Long id,
                        @References(value = Customer.class, onDelete = OnDelete.CASCADE) Long customerId) {}
                """);
        assertOnlyError(compile(order, customer), Message.REFERENCE_CASCADE_CYCLE,
                "@References(onDelete = CASCADE) on field 'lastOrderId' closes a cycle of cascades: "
                        + "'Customer.lastOrderId' -> 'Order.customerId' -> 'Customer'. A delete would cascade round between these "
                        + "models with no model where it ends. Make one reference of the cycle SET_NULL, RESTRICT or KEEP.",
                customer, "Long lastOrderId");

        // three models, each cascading from the next: one error for the one cycle
        JavaFileObject a = annotated("test.A", """
                @Model(group = "g")
                public record A(@Id Long id, @References(value = B.class, onDelete = OnDelete.CASCADE) Long bId) {}
                """);
        JavaFileObject b = annotated("test.B", """
                @Model(group = "g")
                public record B(@Id Long id, @References(value = C.class, onDelete = OnDelete.CASCADE) Long cId) {}
                """);
        JavaFileObject c = annotated("test.C", """
                @Model(group = "g")
                public record C(
                        @Id Long id,
                        @References(value = C.class, onDelete = OnDelete.CASCADE) Long parentId,
                        @References(value = A.class, onDelete = OnDelete.CASCADE) Long aId) {}
                """);
        assertOnlyError(compile(c, b, a), Message.REFERENCE_CASCADE_CYCLE,
                "on field 'bId' closes a cycle of cascades: 'A.bId' -> 'B.cId' -> 'C.aId' -> 'A'.", a, "public record A");
    }

    // ---- many-to-many

    /** Tag with a Long id, in group "blog". */
    private static final JavaFileObject TAG = annotated("test.Tag", """
            @Model(group = "blog")
            public record Tag(@Id Long id, String label) {}
            """);

    @Test
    @Covers(Message.MANY_TO_MANY_OUTSIDE_MODEL)
    void manyToManyOnATypeThatIsNoModel() {
        JavaFileObject plain = annotated("test.Plain", """
                @ManyToMany(to = Tag.class, name = "tags")
                public class Plain {
                }
                """);
        assertOnlyError(compile(TAG, plain), Message.MANY_TO_MANY_OUTSIDE_MODEL,
                "@ManyToMany on 'Plain', but 'Plain' is not a @Model, so no link model would be generated. Put @Model on 'Plain', "
                        + "or move @ManyToMany to a @Model.",
                plain, "public class Plain");
    }

    @Test
    @Covers(Message.MANY_TO_MANY_TARGET_NOT_MODEL)
    void manyToManyWithATypeThatIsNoModel() {
        JavaFileObject post = annotated("test.Post", """
                @Model(group = "blog")
                @ManyToMany(
                        to = String.class,
                        name = "tags")
                public record Post(@Id Long id) {}
                """);
        assertOnlyError(compile(post), Message.MANY_TO_MANY_TARGET_NOT_MODEL,
                "@ManyToMany(to = String.class) on 'Post' names 'java.lang.String', which is not a @Model, so there is "
                        + "nothing to link to. Link to a @Model type, or put @Model on 'String'.",
                post, "to = String.class");

        JavaFileObject tags = java("test.Tags", """
                public class Tags {
                }
                """);
        JavaFileObject article = annotated("test.Article", """
                @Model(group = "blog")
                @ManyToMany(to = Tags.class, name = "tags")
                public record Article(@Id Long id) {}
                """);
        assertOnlyError(compile(TAG, tags, article), Message.MANY_TO_MANY_TARGET_NOT_MODEL,
                "names 'test.Tags', which is not a @Model, so there is nothing to link to. Did you mean 'test.Tag'?",
                article, "@ManyToMany(to = Tags.class");
    }

    @Test
    @Covers(Message.MANY_TO_MANY_NAME_INVALID)
    void manyToManyWithAnInvalidName() {
        JavaFileObject post = annotated("test.Post", """
                @Model(group = "blog")
                @ManyToMany(to = Tag.class,
                        name = "my-tags")
                public record Post(@Id Long id) {}
                """);
        assertOnlyError(compile(TAG, post), Message.MANY_TO_MANY_NAME_INVALID,
                "@ManyToMany(name = \"my-tags\") on 'Post' is not a valid relation name: use letters, digits and '_', "
                        + "starting with a letter.",
                post, "name = \"my-tags\"");
    }

    @Test
    @Covers(Message.MANY_TO_MANY_NAME_DUPLICATE)
    void twoManyToManyWithOneName() {
        JavaFileObject post = annotated("test.Post", """
                @Model(group = "blog")
                @ManyToMany(to = Tag.class, name = "tags")
                @ManyToMany(to = Post.class, name = "tags")
                public record Post(@Id Long id) {}
                """);
        assertOnlyError(compile(TAG, post), Message.MANY_TO_MANY_NAME_DUPLICATE,
                "'Post' has a second @ManyToMany(name = \"tags\"): both would generate the link model 'PostTags'. Give each "
                        + "relation a name of its own.",
                post, "to = Post.class");
    }

    @Test
    @Covers(Message.MANY_TO_MANY_NAME_CLASH)
    void manyToManyWhoseLinkModelNameIsTaken() {
        JavaFileObject existing = java("test.PostTags", """
                public class PostTags {
                }
                """);
        JavaFileObject post = annotated("test.Post", """
                @Model(group = "blog")
                @ManyToMany(to = Tag.class,
                        name = "tags")
                public record Post(@Id Long id) {}
                """);
        assertOnlyError(compile(TAG, existing, post), Message.MANY_TO_MANY_NAME_CLASH,
                "@ManyToMany(name = \"tags\") on 'Post' would generate the link model 'PostTags', but a type 'test.PostTags' "
                        + "already exists. Choose another name, or rename the existing type.",
                post, "name = \"tags\"");
    }

    @Test
    @Covers(Message.MANY_TO_MANY_GROUP_MISMATCH)
    void manyToManyBetweenGroups() {
        JavaFileObject post = annotated("test.Post", """
                @Model
                @ManyToMany(
                        to = Tag.class, name = "tags")
                public record Post(@Id Long id) {}
                """);
        assertOnlyError(compile(TAG, post), Message.MANY_TO_MANY_GROUP_MISMATCH,
                "@ManyToMany(to = Tag.class, name = \"tags\") on 'Post': deleting 'Post' or 'Tag' objects deletes their "
                        + "links in the same script, so both models and the link model 'PostTags' must share a cluster slot, but "
                        + "'Post' has no group and 'Tag' is in group 'blog'. Give 'Post' and 'Tag' the same @Model(group = \"...\"); the link "
                        + "model joins it.",
                post, "to = Tag.class");

        // a model linked to itself still needs a group: the link model is a model of its own
        JavaFileObject person = annotated("test.Person", """
                @Model
                @ManyToMany(to = Person.class, name = "friends")
                public record Person(@Id Long id) {}
                """);
        assertOnlyError(compile(person), Message.MANY_TO_MANY_GROUP_MISMATCH,
                "so both models and the link model 'PersonFriends' must share a cluster slot, but 'Person' has no group",
                person, "name = \"friends\"");
    }

    @Test
    @Covers(Message.MANY_TO_MANY_TARGET_NOT_IN_ROUND)
    void manyToManyWithAModelOfAClassFile(@TempDir Path classes) throws IOException {
        compileToDirectory(classes, annotated("base.Label", """
                @Model(group = "blog")
                public record Label(@Id String id) {}
                """));
        JavaFileObject post = annotated("shop.Post", """
                @Model(group = "blog")
                @ManyToMany(
                        to = base.Label.class,
                        name = "labels")
                public record Post(@Id Long id) {}
                """);
        assertOnlyError(compileWithClasspath(classes.toFile(), post), Message.MANY_TO_MANY_TARGET_NOT_IN_ROUND,
                "@ManyToMany(to = Label.class, name = \"labels\") on 'Post': 'Label' is not compiled together with 'Post' "
                        + "(it comes from a class file, another module or an earlier round), so its DAO is generated without "
                        + "knowing the link model 'PostLabels', and deleting 'Label' objects could not delete their links. Compile both "
                        + "models in one compilation.",
                post, "to = base.Label.class");
    }

    // ---- partitions

    @Test
    @Covers(Message.PARTITIONS_OUT_OF_RANGE)
    void partitionsOutOfRange() {
        JavaFileObject none = annotated("test.User", """
                @Model(
                        partitions = 0)
                public record User(@Id Long id) {}
                """);
        assertOnlyError(compile(none), Message.PARTITIONS_OUT_OF_RANGE,
                "@Model(partitions = 0) on 'User' is out of range: a model keeps its keys under one hash tag with 1, the "
                        + "default, or spreads them over 2 to 64 tags, one per partition, which is enough for a cluster of 64 "
                        + "masters. Use 1, or a number from 2 to 64.",
                none, "partitions = 0");

        for (int partitions : new int[] {-3, 65}) {
            JavaFileObject user = annotated("test.User", """
                    @Model(partitions = %d)
                    public record User(@Id Long id) {}
                    """.formatted(partitions));
            String attribute = "partitions = " + partitions;
            assertOnlyError(compile(user), Message.PARTITIONS_OUT_OF_RANGE,
                    "@Model(" + attribute + ") on 'User' is out of range", user, attribute);
        }
    }

    @Test
    @Covers(Message.PARTITIONS_WITH_GROUP)
    void partitionsInAGroup() {
        assertRefusedWithPartitions("group = \"shop\"", "@Id Long id", Message.PARTITIONS_WITH_GROUP,
                "@Model(partitions = 4, group = \"shop\") on 'User': a group puts every key of its models in one cluster "
                        + "slot so that one script may write them together, but partitions spread the model over many slots. "
                        + "Remove the group or the partitions.");
    }

    @Test
    @Covers(Message.TTL_INVALID)
    void ttlThatIsNoPositiveDuration() {
        for (String ttl : List.of("30 minutes", "PT0S", "-PT1M", "PT0.0001S", "P36501D")) {
            JavaFileObject session = annotated("test.Session", """
                    @Model(
                            ttl = "%s")
                    public record Session(@Id Long id) {}
                    """.formatted(ttl));
            assertOnlyError(compile(session), Message.TTL_INVALID, "@Model(ttl = \"" + ttl + "\") on 'Session' is no time to live: "
                    + "write a positive ISO-8601 duration of at most 36500 days, such as \"PT30M\" or \"P1D\", or leave it "
                    + "empty for objects that expire only when told to.", session, "ttl = ");
        }
    }

    @Test
    @Covers(Message.STORED_NAME_INVALID)
    void storedNameThatNoKeyCanHold() {
        for (String name : List.of("", "nick:name", "1nick", "nick name")) {
            JavaFileObject user = annotated("test.User", """
                    @Model
                    public record User(@Id Long id,
                            @Stored("%s") String nickname) {}
                    """.formatted(name));
            assertOnlyError(compile(user), Message.STORED_NAME_INVALID, "@Stored(\"" + name + "\") on 'nickname' is not a "
                    + "stored name: use a letter or '_' followed by letters, digits or '_', which index keys and scripts "
                    + "can hold.", user, "String nickname");
        }
    }

    @Test
    @Covers(Message.STORED_NAME_DUPLICATE)
    void twoFieldsStoredUnderOneName() {
        JavaFileObject user = annotated("test.User", """
                @Model
                public record User(@Id Long id, String nick,
                        @Stored("nick") String nickname) {}
                """);
        assertOnlyError(compile(user), Message.STORED_NAME_DUPLICATE, "'nickname' of 'User' is stored under the name "
                + "'nick', which field 'nick' already has: both would write one hash field. Give one of them another "
                + "@Stored name.", user, "String nickname");
    }

    /** The model the query-method tests query: a unique email, a set index with prefixes, a sorted index, a plain field. */
    private static final JavaFileObject QUERIED_USER = annotated("test.User", """
            @Model
            public record User(@Id Long id, @Unique String email, @Indexed(prefix = true) String country,
                    @Indexed String city, @Indexed int age, String name) {}
            """);

    /** An interface of query methods on User, with the imports they need. */
    private static JavaFileObject userQueries(String methods) {
        return annotated("test.UserQueries", """
                import java.util.*;

                @Queries(User.class)
                public interface UserQueries {
                %s
                }
                """.formatted(methods));
    }

    private static void assertQueryMethodRefused(String method, Message message, String text) {
        JavaFileObject queries = userQueries("    " + method);
        assertOnlyError(compile(QUERIED_USER, queries), message, text, queries, method);
    }

    @Test
    @Covers(Message.QUERIES_NOT_INTERFACE)
    void queriesOnAClass() {
        JavaFileObject queries = annotated("test.UserQueries", """
                @Queries(User.class)
                public abstract class UserQueries {}
                """);
        assertOnlyError(compile(QUERIED_USER, queries), Message.QUERIES_NOT_INTERFACE, "@Queries is on class 'UserQueries': "
                + "query methods are declared in an interface, which Redao implements. Make 'UserQueries' an interface.",
                queries, "public abstract class UserQueries");
    }

    @Test
    @Covers(Message.QUERIES_NOT_MODEL)
    void queriesOfATypeThatIsNoModel() {
        JavaFileObject queries = annotated("test.UserQueries", """
                @Queries(String.class)
                public interface UserQueries {}
                """);
        assertOnlyError(compile(QUERIED_USER, queries), Message.QUERIES_NOT_MODEL, "@Queries(String.class) on 'UserQueries' "
                + "names no @Model compiled with it, so there is nothing to query. Name a @Model of this compilation.",
                queries, "public interface UserQueries");
    }

    @Test
    @Covers(Message.QUERY_METHOD_KEYWORD)
    void queryMethodWithAKeywordOutsideTheGrammar() {
        assertQueryMethodRefused("List<User> findByCountryOrCity(String country, String city);", Message.QUERY_METHOD_KEYWORD,
                "Query method 'findByCountryOrCity' of 'UserQueries': Or is not supported: write one method per alternative,"
                        + " or use the query builder's union.");
        assertQueryMethodRefused("List<User> searchByCountry(String country);", Message.QUERY_METHOD_KEYWORD,
                "Query method 'searchByCountry' of 'UserQueries': its name does not start with findBy, findFirstBy,"
                        + " find<Field>By, countBy, existsBy or deleteBy.");
        assertQueryMethodRefused("List<User> findByCountryIgnoreCase(String country);", Message.QUERY_METHOD_KEYWORD,
                "Query method 'findByCountryIgnoreCase' of 'UserQueries': 'IgnoreCase' is no keyword a query method may have there.");
    }

    @Test
    @Covers(Message.QUERY_METHOD_UNKNOWN_FIELD)
    void queryMethodNamingAFieldTheModelHasNot() {
        assertQueryMethodRefused("List<User> findByContry(String country);", Message.QUERY_METHOD_UNKNOWN_FIELD,
                "Query method 'findByContry' of 'UserQueries' names 'contry', which is no stored field of 'User'. "
                        + "Did you mean 'country'?");
        assertQueryMethodRefused("List<String> findNickByCountry(String country);", Message.QUERY_METHOD_UNKNOWN_FIELD,
                "Query method 'findNickByCountry' of 'UserQueries' names 'nick', which is no stored field of 'User'.");
        assertQueryMethodRefused("long countByZipGreaterThan(int zip);", Message.QUERY_METHOD_UNKNOWN_FIELD,
                "names 'zip', which is no stored field of 'User'. Its fields are 'id', 'email', 'country', 'city', 'age', 'name'.");
    }

    @Test
    @Covers(Message.QUERY_METHOD_NOT_INDEXED)
    void queryMethodFilteringAFieldWithoutTheIndexItNeeds() {
        assertQueryMethodRefused("List<User> findByName(String name);", Message.QUERY_METHOD_NOT_INDEXED,
                "Query method 'findByName' of 'UserQueries': equality on field 'name' needs an index: @Indexed or @Unique,"
                        + " which the field has not. Add it to the field, or query another way.");
        assertQueryMethodRefused("List<User> findByCityGreaterThan(String city);", Message.QUERY_METHOD_NOT_INDEXED,
                "GreaterThan on field 'city' needs a sorted index: @Indexed on a number, date or time field");
    }

    @Test
    @Covers(Message.QUERY_METHOD_NO_PREFIX_INDEX)
    void queryMethodStartingWithOnAFieldWithoutAPrefixIndex() {
        assertQueryMethodRefused("List<User> findByCityStartingWith(String prefix);", Message.QUERY_METHOD_NO_PREFIX_INDEX,
                "Query method 'findByCityStartingWith' of 'UserQueries': StartingWith on field 'city' needs its prefix index."
                        + " Annotate the field @Indexed(prefix = true).");
    }

    @Test
    @Covers(Message.QUERY_METHOD_PARAMETER_COUNT)
    void queryMethodWithTheWrongNumberOfParameters() {
        assertQueryMethodRefused("long countByAgeBetween(int low);", Message.QUERY_METHOD_PARAMETER_COUNT,
                "Query method 'countByAgeBetween' of 'UserQueries' has 1 parameter(s), but its conditions take 2. Declare one"
                        + " parameter per value, in the order of the conditions, then int offset and int limit if you page.");
        assertQueryMethodRefused("List<User> findByCountry(String country, int max);", Message.QUERY_METHOD_PARAMETER_COUNT,
                "has 2 parameter(s), but its conditions take 1 (and int offset, int limit if it pages).");
    }

    @Test
    @Covers(Message.QUERY_METHOD_PARAMETER_TYPE)
    void queryMethodWithAParameterOfTheWrongType() {
        assertQueryMethodRefused("List<User> findByAge(String age);", Message.QUERY_METHOD_PARAMETER_TYPE,
                "Query method 'findByAge' of 'UserQueries': parameter 'age' has type 'java.lang.String', but equality on"
                        + " field 'age' takes 'int'. Declare it as int.");
        assertQueryMethodRefused("List<User> findByCountryIn(List<Integer> countries);", Message.QUERY_METHOD_PARAMETER_TYPE,
                "parameter 'countries' has type 'java.util.List<java.lang.Integer>', but In on field 'country' takes"
                        + " 'java.util.Collection<? extends java.lang.String>'.");
    }

    @Test
    @Covers(Message.QUERY_METHOD_RETURN_TYPE)
    void queryMethodWhoseReturnTypeCannotHoldTheResult() {
        assertQueryMethodRefused("int countByCountry(String country);", Message.QUERY_METHOD_RETURN_TYPE,
                "Query method 'countByCountry' of 'UserQueries' returns 'int', which cannot hold what a count gives."
                        + " Return long or java.lang.Long.");
        assertQueryMethodRefused("List<Integer> findNameByCountry(String country);", Message.QUERY_METHOD_RETURN_TYPE,
                "returns 'java.util.List<java.lang.Integer>', which cannot hold what the values of field 'name' gives."
                        + " Return java.util.List<java.lang.String>.");
        JavaFileObject queries = annotated("test.UserQueries", """
                import java.util.*;

                @Queries(User.class)
                public interface UserQueries {
                    record Card(String name, String zip) {}

                    List<Card> findByCountry(String country);
                }
                """);
        assertOnlyError(compile(QUERIED_USER, queries), Message.QUERY_METHOD_RETURN_TYPE, "Query method 'findByCountry' of"
                + " 'UserQueries' returns 'java.util.List<test.UserQueries.Card>', which cannot hold what a find gives. Return"
                + " List<User>, Optional<User>, or a List or Optional of a record whose components are fields of 'User' with"
                + " their types (component 'zip' is none).", queries, "List<Card> findByCountry");
    }

    @Test
    @Covers(Message.EXPIRING_PARTITIONED)
    void expiringPartitionedModelWithAUniqueField() {
        assertRefusedWithPartitions("ttl = \"PT30M\"", "@Id Long id, @Unique String email", Message.EXPIRING_PARTITIONED,
                "@Model(partitions = 4) on 'User', whose objects expire and whose field 'email' is @Unique: a partitioned"
                        + " model keeps a unique value in the value's own partition, and the purge of an expired object runs"
                        + " in the object's partition, where it cannot free the value. Remove the partitions, the ttl and"
                        + " expiring, or @Unique.");
        assertRefusedWithPartitions("expiring = true", "@Id Long id, @Unique String email", Message.EXPIRING_PARTITIONED,
                "@Model(partitions = 4) on 'User', whose objects expire and whose field 'email' is @Unique");
        // without a unique field, a partitioned model may expire
        assertThat(compile(annotated("test.User", """
                @Model(ttl = "PT30M", partitions = 4)
                public record User(@Id Long id, @Indexed String kind) {}
                """))).succeeded();
    }

    @Test
    @Covers(Message.RESTRICT_TO_EXPIRING)
    void restrictReferenceToAnExpiringModel() {
        JavaFileObject session = annotated("test.Session", """
                @Model(expiring = true, group = "auth")
                public record Session(@Id Long id) {}
                """);
        JavaFileObject login = annotated("test.Login", """
                @Model(group = "auth")
                public record Login(
                        @Id Long id,
                        @References(value = Session.class, onDelete = OnDelete.RESTRICT) Long sessionId) {}
                """);
        assertOnlyError(compile(session, login), Message.RESTRICT_TO_EXPIRING,
                "@References(value = Session.class, onDelete = RESTRICT) on field 'sessionId' of 'Login': 'Session' objects "
                        + "expire, and an expired object is deleted whatever refers to it, which RESTRICT would refuse. "
                        + "Use onDelete = CASCADE, SET_NULL or KEEP.", login, "Long sessionId");
    }

    /**
     * Fails unless {@code @Model(<attribute>, partitions = 4) record User(<components>)} has this one
     * error, on the partitions.
     */
    private static void assertRefusedWithPartitions(String attribute, String components, Message message, String text) {
        JavaFileObject user = annotated("test.User", """
                @Model(%s,
                        partitions = 4)
                public record User(%s) {}
                """.formatted(attribute, components));
        assertOnlyError(compile(user), message, text, user, "partitions = 4");
    }

    @Test
    @Covers(Message.PARTITIONED_REFERENCE_FOLLOWED)
    void referenceThatActsOnDeleteIntoOrOutOfAPartitionedModel() {
        // neither model has a group either, but a group would not help: this error, not REFERENCE_GROUP_MISMATCH
        JavaFileObject customer = annotated("test.Customer", """
                @Model(partitions = 4)
                public record Customer(@Id Long id) {}
                """);
        assertOnlyError(compile(customer, CASCADING_ORDER), Message.PARTITIONED_REFERENCE_FOLLOWED,
                "@References(value = Customer.class, onDelete = CASCADE) on field 'customerId': deleting 'Customer' objects "
                        + "acts on the 'Order' objects that reference them in the same script, so both must share a cluster "
                        + "slot, but 'Customer' has @Model(partitions = 4), and a partitioned model spreads its objects over a "
                        + "slot per partition. Use onDelete = KEEP, or no partitions.",
                CASCADING_ORDER, "Long customerId");

        // a reference within one partitioned model joins objects of different partitions
        JavaFileObject node = annotated("test.Node", """
                @Model(partitions = 8)
                public record Node(
                        @Id Long id,
                        @References(value = Node.class, onDelete = OnDelete.SET_NULL) Long parentId) {}
                """);
        assertOnlyError(compile(node), Message.PARTITIONED_REFERENCE_FOLLOWED,
                "but 'Node' has @Model(partitions = 8), and a partitioned model", node, "Long parentId");
    }

    @Test
    @Covers(Message.PARTITIONED_MANY_TO_MANY)
    void manyToManyOfAPartitionedModel() {
        JavaFileObject post = annotated("test.Post", """
                @Model(partitions = 4)
                @ManyToMany(
                        to = Tag.class, name = "tags")
                public record Post(@Id Long id) {}
                """);
        assertOnlyError(compile(TAG, post), Message.PARTITIONED_MANY_TO_MANY,
                "@ManyToMany(to = Tag.class, name = \"tags\") on 'Post': its links are written with both models in one "
                        + "script, so both models and the link model 'PostTags' must share a cluster slot, but 'Post' has "
                        + "@Model(partitions = 4), and a partitioned model spreads its objects over a slot per partition. Use a "
                        + "reference field with onDelete = KEEP instead, or no partitions.",
                post, "to = Tag.class");
    }

    // ---- failures of Redao itself

    @Test
    @Covers(Message.INTERNAL_ERROR)
    void aPhaseThatFailsIsReportedOnItsModelAndNeverReachesJavac() {
        JavaFileObject broken = annotated("test.Broken", """
                @Model
                public record Broken(@Id Long id) {}
                """);
        JavaFileObject sound = annotated("test.Sound", """
                @Model
                public record Sound(@Id Long id) {}
                """);
        List<String> written = new ArrayList<>();
        RedaoProcessor.WritePhase failsOnBroken = (model, element, generatedAnnotation) -> {
            if (element.getSimpleName().contentEquals("Broken")) {
                throw new IllegalStateException("no DAO for Broken");
            }
            written.add(element.getSimpleName().toString());
            return RedaoProcessor.sourceFiles(model, element, generatedAnnotation);
        };
        Compilation compilation = compileWith(List.of(new RedaoProcessor(failsOnBroken)), broken, sound);
        assertOnlyError(compilation, Message.INTERNAL_ERROR,
                "Redao failed on 'test.Broken': java.lang.IllegalStateException: no DAO for Broken. This is a bug in Redao",
                broken, "public record Broken");
        assertThat(compilation).hadErrorContaining("at dev.redao.processor.RedaoProcessor.write(");
        assertEquals(List.of("Sound"), written, "the other model is written all the same");

        // what the JVM may not recover from stops the processor, but is reported all the same
        RedaoProcessor.WritePhase classMissing = (model, element, generatedAnnotation) -> {
            throw new NoClassDefFoundError("com/palantir/javapoet/JavaFile");
        };
        assertOnlyError(compileWith(List.of(new RedaoProcessor(classMissing)), broken), Message.INTERNAL_ERROR,
                "Redao failed on 'test.Broken': java.lang.NoClassDefFoundError: com/palantir/javapoet/JavaFile",
                broken, "public record Broken");
    }


    /** Compiles, and fails unless the compilation failed with exactly {@code errors} errors. */
    private static Compilation compileWithErrors(int errors, JavaFileObject... sources) {
        Compilation compilation = compile(sources);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(errors);
        return compilation;
    }

    /** Fails unless the compilation failed with exactly this one error, where it belongs. */
    private static void assertOnlyError(Compilation compilation, Message message, String text,
                                        JavaFileObject file, String line) {
        assertThat(compilation).failed();
        assertError(compilation, message, text, file, line);
        assertThat(compilation).hadErrorCount(1);
    }

    /** The tag and the text are in one diagnostic, on the one line of {@code file} containing {@code line}. */
    private static void assertError(Compilation compilation, Message message, String text,
                                    JavaFileObject file, String line) {
        assertThat(compilation)
                .hadErrorContainingMatch(Pattern.quote(message.tag() + " ") + ".*" + Pattern.quote(text))
                .inFile(file)
                .onLineContaining(line);
    }
}
