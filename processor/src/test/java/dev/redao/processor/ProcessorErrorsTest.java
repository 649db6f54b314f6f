package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.compile;
import static dev.redao.processor.TestCompiler.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.redao.processor.diag.Message;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per message of the catalogue: the error is reported, on the element that causes it,
 * and exactly once. {@link Message#INTERNAL_ERROR} has none: no valid input triggers it.
 */
class ProcessorErrorsTest {

    /** The message a test proves; {@link #everyMessageHasATest()} reads it. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Covers {
        Message value();
    }

    private static final Set<Message> UNTESTABLE = EnumSet.of(Message.INTERNAL_ERROR);

    @Test
    void everyMessageHasATest() {
        Set<Message> covered = EnumSet.noneOf(Message.class);
        for (Method m : ProcessorErrorsTest.class.getDeclaredMethods()) {
            Covers covers = m.getAnnotation(Covers.class);
            if (covers != null && m.isAnnotationPresent(Test.class)) {
                covered.add(covers.value());
            }
        }
        Set<Message> expected = EnumSet.complementOf(EnumSet.copyOf(UNTESTABLE));
        assertEquals(expected, covered, "every catalogued message needs a negative test here");
    }

    @Test
    @Covers(Message.MODEL_NOT_CLASS_OR_RECORD)
    void modelOnInterfaceOrEnum() {
        JavaFileObject named = source("test.Named",
                "package test;",
                "import dev.redao.annotations.Model;",
                "@Model",
                "public interface Named {",
                "    String name();",
                "}");
        assertOnlyError(compile(named), Message.MODEL_NOT_CLASS_OR_RECORD,
                "@Model is on an interface test.Named", named, "public interface Named");

        JavaFileObject color = source("test.Color",
                "package test;",
                "import dev.redao.annotations.Model;",
                "@Model",
                "public enum Color {",
                "    RED, GREEN",
                "}");
        assertOnlyError(compile(color), Message.MODEL_NOT_CLASS_OR_RECORD,
                "@Model is on an enum test.Color", color, "public enum Color");
    }

    @Test
    @Covers(Message.MODEL_ABSTRACT)
    void abstractModel() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public abstract class User {",
                "    @Id Long id;",
                "}");
        assertOnlyError(compile(user), Message.MODEL_ABSTRACT,
                "test.User is abstract", user, "public abstract class User");
    }

    @Test
    @Covers(Message.MODEL_NOT_PUBLIC)
    void packagePrivateModel() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "record User(",
                "        @Id Long id,",
                "        String name) {}");
        assertOnlyError(compile(user), Message.MODEL_NOT_PUBLIC,
                "type test.User is not public", user, "record User(");
    }

    @Test
    @Covers(Message.MODEL_INNER_CLASS)
    void innerClassModel() {
        JavaFileObject outer = source("test.Outer",
                "package test;",
                "import dev.redao.annotations.*;",
                "public class Outer {",
                "    @Model",
                "    public class Inner {",
                "        @Id Long id;",
                "    }",
                "}");
        assertOnlyError(compile(outer), Message.MODEL_INNER_CLASS,
                "test.Outer.Inner is an inner class", outer, "public class Inner");
    }

    @Test
    @Covers(Message.MODEL_ENCLOSING_NOT_PUBLIC)
    void modelNestedInNonPublicType() {
        JavaFileObject outer = source("test.Outer",
                "package test;",
                "import dev.redao.annotations.*;",
                "class Outer {",
                "    @Model",
                "    public record Inner(@Id Long id) {}",
                "}");
        assertOnlyError(compile(outer), Message.MODEL_ENCLOSING_NOT_PUBLIC,
                "Inner is nested in test.Outer, which is not public", outer, "public record Inner");
    }

    @Test
    @Covers(Message.MODEL_GENERIC)
    void genericModel() {
        JavaFileObject box = source("test.Box",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Box<T> {",
                "    @Id Long id;",
                "    T content;",
                "}");
        assertOnlyError(compile(box), Message.MODEL_GENERIC,
                "test.Box has type parameters T", box, "public class Box<T>");
    }

    @Test
    @Covers(Message.MODEL_NAME_INVALID)
    void invalidModelName() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model(",
                "        name = \"bad name\")",
                "public record User(@Id Long id) {}");
        assertOnlyError(compile(user), Message.MODEL_NAME_INVALID,
                "@Model(name = \"bad name\") is not a valid model name", user, "name = \"bad name\"");
    }

    @Test
    @Covers(Message.MODEL_NAME_DUPLICATE)
    void twoModelsWithOneKeyName() {
        JavaFileObject first = source("a.User",
                "package a;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(@Id Long id) {}");
        JavaFileObject second = source("b.User",
                "package b;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(@Id String id) {}");
        assertOnlyError(compile(first, second), Message.MODEL_NAME_DUPLICATE,
                "has the key name 'user', which a.User already has", second, "public record User");

        JavaFileObject customer = source("a.Customer",
                "package a;",
                "import dev.redao.annotations.*;",
                "@Model(name = \"user\")",
                "public record Customer(@Id Long id) {}");
        assertOnlyError(compile(first, customer), Message.MODEL_NAME_DUPLICATE,
                "@Model Customer has the key name 'user'", customer, "public record Customer");
    }

    @Test
    @Covers(Message.ORDERING_UNKNOWN_FIELD)
    void orderingByAFieldThatIsNotStored() {
        JavaFileObject post = source("test.Post",
                "package test;",
                "import dev.redao.annotations.*;",
                "import java.time.Instant;",
                "@Model(name = \"post\",",
                "        ordering = \"-createdAt\")",
                "public record Post(",
                "        @Id Long id,",
                "        Instant created) {}");
        assertOnlyError(compile(post), Message.ORDERING_UNKNOWN_FIELD,
                "@Model(ordering = \"-createdAt\") names no stored field of Post", post, "ordering = \"-createdAt\"");

        JavaFileObject item = source("test.Item",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model(ordering = \"rank\")",
                "public class Item {",
                "    @Id Long id;",
                "    transient int rank;",
                "}");
        assertOnlyError(compile(item), Message.ORDERING_UNKNOWN_FIELD,
                "@Model(ordering = \"rank\") names no stored field of Item", item, "ordering = \"rank\"");
    }

    @Test
    void orderingByAFieldWithItsOwnErrorsIsNotReportedAgain() {
        JavaFileObject item = source("test.Item",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model(ordering = \"rank\")",
                "public class Item {",
                "    @Id Long id;",
                "    private int rank;",
                "    public void setRank(int rank) { this.rank = rank; }",
                "}");
        assertOnlyError(compile(item), Message.FIELD_NOT_READABLE,
                "Stored field rank is private and has no getter", item, "private int rank;");
    }

    @Test
    @Covers(Message.ORDERING_NOT_ORDERED_TYPE)
    void orderingByAFieldWithoutOrder() {
        JavaFileObject post = source("test.Post",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model(ordering = \"title\")",
                "public record Post(",
                "        @Id Long id,",
                "        String title) {}");
        assertOnlyError(compile(post), Message.ORDERING_NOT_ORDERED_TYPE,
                "field title has type java.lang.String, which has no order", post, "ordering = \"title\"");
    }

    @Test
    void orderingByANumberOrTimeCompiles() {
        JavaFileObject post = source("test.Post",
                "package test;",
                "import dev.redao.annotations.*;",
                "import java.time.Instant;",
                "@Model(ordering = \"-createdAt\")",
                "public record Post(",
                "        @Id Long id,",
                "        Instant createdAt) {}");
        JavaFileObject item = source("test.Item",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model(ordering = \"rank\")",
                "public class Item {",
                "    @Id String id;",
                "    @Indexed int rank;",
                "}");
        assertThat(compile(post, item)).succeededWithoutWarnings();
    }

    @Test
    @Covers(Message.MODEL_NO_ID)
    void modelWithoutId() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(",
                "        String email,",
                "        String name) {}");
        assertOnlyError(compile(user), Message.MODEL_NO_ID,
                "@Model User has no @Id field", user, "public record User(");
    }

    @Test
    @Covers(Message.MODEL_NO_CONSTRUCTOR)
    void classWithoutAccessibleNoArgConstructor() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class User {",
                "    @Id Long id;",
                "    public User(Long id) { this.id = id; }",
                "}");
        assertOnlyError(compile(user), Message.MODEL_NO_CONSTRUCTOR,
                "test.User has no constructor without parameters", user, "public class User");

        JavaFileObject hidden = source("test.Hidden",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Hidden {",
                "    @Id Long id;",
                "    private Hidden() {}",
                "}");
        assertOnlyError(compile(hidden), Message.MODEL_NO_CONSTRUCTOR,
                "test.Hidden has no constructor without parameters", hidden, "public class Hidden");
    }

    @Test
    @Covers(Message.ID_DUPLICATE)
    void twoIds() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(",
                "        @Id Long id,",
                "        @Id Long other) {}");
        assertOnlyError(compile(user), Message.ID_DUPLICATE,
                "User has a second @Id: id already is the id", user, "@Id Long other");

        JavaFileObject account = source("test.Account",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Account {",
                "    @Id Long id;",
                "    @Id String login;",
                "}");
        assertOnlyError(compile(account), Message.ID_DUPLICATE,
                "Account has a second @Id: id already is the id", account, "@Id String login");
    }

    @Test
    @Covers(Message.ID_PRIMITIVE)
    void primitiveId() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(",
                "        @Id long id,",
                "        String name) {}");
        assertOnlyError(compile(user), Message.ID_PRIMITIVE,
                "@Id field id is a primitive long, which cannot be null", user, "@Id long id");

        JavaFileObject item = source("test.Item",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Item {",
                "    @Id int id;",
                "}");
        assertOnlyError(compile(item), Message.ID_PRIMITIVE, "Use Integer.", item, "@Id int id");
    }

    @Test
    @Covers(Message.ID_UNSUPPORTED_TYPE)
    void unsupportedIdType() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(",
                "        @Id Double id,",
                "        String name) {}");
        assertOnlyError(compile(user), Message.ID_UNSUPPORTED_TYPE,
                "@Id field id has type java.lang.Double", user, "@Id Double id");

        JavaFileObject day = source("test.Day",
                "package test;",
                "import dev.redao.annotations.*;",
                "import java.time.LocalDate;",
                "@Model",
                "public class Day {",
                "    @Id LocalDate date;",
                "}");
        assertOnlyError(compile(day), Message.ID_UNSUPPORTED_TYPE,
                "@Id field date has type java.time.LocalDate", day, "@Id LocalDate date");
    }

    @Test
    @Covers(Message.ID_ALSO_INDEXED)
    void idAlsoIndexedOrUnique() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(",
                "        @Id @Unique String id,",
                "        String name) {}");
        assertOnlyError(compile(user), Message.ID_ALSO_INDEXED,
                "@Id field id is also @Unique", user, "@Id @Unique String id");

        JavaFileObject item = source("test.Item",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Item {",
                "    @Id @Indexed Long id;",
                "}");
        assertOnlyError(compile(item), Message.ID_ALSO_INDEXED,
                "@Id field id is also @Indexed", item, "@Id @Indexed Long id");
    }

    @Test
    @Covers(Message.INDEXED_UNSUPPORTED_TYPE)
    void indexedOnTypesWithoutIndex() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "import java.util.List;",
                "import java.util.Map;",
                "@Model",
                "public record User(",
                "        @Id Long id,",
                "        @Indexed List<String> tags,",
                "        @Indexed Map<String, Integer> scores,",
                "        @Indexed Address address,",
                "        @Indexed byte[] avatar) {",
                "    public record Address(String city) {}",
                "}");
        Compilation compilation = compile(user);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(4);
        assertError(compilation, Message.INDEXED_UNSUPPORTED_TYPE,
                "@Indexed field tags has type java.util.List<java.lang.String>", user, "@Indexed List<String> tags");
        assertError(compilation, Message.INDEXED_UNSUPPORTED_TYPE,
                "@Indexed field scores has type java.util.Map<java.lang.String,java.lang.Integer>", user, "@Indexed Map<");
        assertError(compilation, Message.INDEXED_UNSUPPORTED_TYPE,
                "@Indexed field address has type test.User.Address", user, "@Indexed Address address");
        assertError(compilation, Message.INDEXED_UNSUPPORTED_TYPE,
                "@Indexed field avatar has type byte[]", user, "@Indexed byte[] avatar");
    }

    @Test
    @Covers(Message.UNIQUE_UNSUPPORTED_TYPE)
    void uniqueOnList() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "import java.util.List;",
                "@Model",
                "public record User(",
                "        @Id Long id,",
                "        @Unique List<String> emails) {}");
        assertOnlyError(compile(user), Message.UNIQUE_UNSUPPORTED_TYPE,
                "@Unique field emails has type java.util.List<java.lang.String>, which cannot be unique",
                user, "@Unique List<String> emails");
    }

    @Test
    @Covers(Message.UNIQUE_FLOATING_POINT)
    void uniqueOnFloatingPoint() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(",
                "        @Id Long id,",
                "        @Unique double score) {}");
        assertOnlyError(compile(user), Message.UNIQUE_FLOATING_POINT,
                "@Unique field score is a floating-point double", user, "@Unique double score");

        JavaFileObject item = source("test.Item",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Item {",
                "    @Id Long id;",
                "    @Unique @Indexed Float weight;",
                "}");
        assertOnlyError(compile(item), Message.UNIQUE_FLOATING_POINT,
                "@Unique field weight is a floating-point java.lang.Float", item, "Float weight");
    }

    @Test
    @Covers(Message.VERSION_TYPE)
    void versionThatIsNotALong() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(",
                "        @Id Long id,",
                "        @Version int version) {}");
        assertOnlyError(compile(user), Message.VERSION_TYPE,
                "@Version field version has type int, but a version is a count of saves. Make it long or Long.",
                user, "@Version int version");

        JavaFileObject item = source("test.Item",
                "package test;",
                "import dev.redao.annotations.*;",
                "import java.time.Instant;",
                "@Model",
                "public class Item {",
                "    @Id Long id;",
                "    @Version Instant changed;",
                "}");
        assertOnlyError(compile(item), Message.VERSION_TYPE,
                "@Version field changed has type java.time.Instant", item, "@Version Instant changed");
    }

    @Test
    void versionOfTypeLongOrLongCompiles() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(@Id Long id, @Version long version) {}");
        JavaFileObject item = source("test.Item",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Item {",
                "    @Id String id;",
                "    @Version Long version;",
                "}");
        assertThat(compile(user, item)).succeededWithoutWarnings();
    }

    @Test
    @Covers(Message.VERSION_DUPLICATE)
    void twoVersions() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(",
                "        @Id Long id,",
                "        @Version long version,",
                "        @Version long revision) {}");
        assertOnlyError(compile(user), Message.VERSION_DUPLICATE,
                "User has a second @Version: version already is the version. Keep @Version on exactly one field.",
                user, "@Version long revision");

        // the first one may sit in an abstract base class
        JavaFileObject base = source("test.Versioned",
                "package test;",
                "import dev.redao.annotations.*;",
                "public abstract class Versioned {",
                "    @Version private Long version;",
                "    public Long getVersion() { return version; }",
                "    public void setVersion(Long v) { version = v; }",
                "}");
        JavaFileObject item = source("test.Item",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Item extends Versioned {",
                "    @Id Long id;",
                "    @Version long stamp;",
                "}");
        assertOnlyError(compile(base, item), Message.VERSION_DUPLICATE,
                "Item has a second @Version: version already is the version", item, "@Version long stamp");
    }

    @Test
    @Covers(Message.VERSION_INDEXED)
    void versionThatIsAlsoIdIndexedOrUnique() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(",
                "        @Id Long id,",
                "        @Version @Indexed long version) {}");
        assertOnlyError(compile(user), Message.VERSION_INDEXED,
                "@Version field version is also @Indexed, but a version changes on every save, so it can be neither "
                        + "the id nor indexed nor unique. Remove @Indexed, or keep the version in a field of its own.",
                user, "@Version @Indexed long version");

        JavaFileObject item = source("test.Item",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Item {",
                "    @Id Long id;",
                "    @Unique @Indexed @Version Long version;",
                "}");
        assertOnlyError(compile(item), Message.VERSION_INDEXED,
                "@Version field version is also @Indexed and @Unique", item, "@Unique @Indexed @Version Long version");

        JavaFileObject account = source("test.Account",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Account {",
                "    @Id @Version Long id;",
                "}");
        assertOnlyError(compile(account), Message.VERSION_INDEXED,
                "@Version field id is also @Id", account, "@Id @Version Long id");
    }

    @Test
    @Covers(Message.VERSION_ORDERING)
    void orderingByTheVersion() {
        JavaFileObject post = source("test.Post",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model(name = \"post\",",
                "        ordering = \"-version\")",
                "public record Post(",
                "        @Id Long id,",
                "        @Version long version) {}");
        assertOnlyError(compile(post), Message.VERSION_ORDERING,
                "@Model(ordering = \"-version\") names the @Version field version, which the save script advances",
                post, "ordering = \"-version\"");
    }

    @Test
    @Covers(Message.FIELD_NOT_ACCESSIBLE)
    void privateFieldWithoutGetterOrSetterGetsOneError() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class User {",
                "    @Id Long id;",
                "    private int age;",
                "}");
        assertOnlyError(compile(user), Message.FIELD_NOT_ACCESSIBLE,
                "Stored field age is private and has neither a getter nor a setter the DAO can call. Add a public or package-private getAge() and setAge(int)",
                user, "private int age;");
    }

    @Test
    @Covers(Message.FIELD_RAW_TYPE)
    void rawGenericFieldType() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "import java.util.List;",
                "@Model",
                "@SuppressWarnings(\"rawtypes\")",
                "public record User(@Id Long id, List tags) {}");
        assertOnlyError(compile(user), Message.FIELD_RAW_TYPE,
                "Stored field tags has the raw type java.util.List", user, "List tags");
    }

    @Test
    @Covers(Message.FIELD_NOT_READABLE)
    void privateFieldWithoutGetter() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class User {",
                "    @Id Long id;",
                "    private String name;",
                "    private boolean active;",
                "    public void setName(String name) { this.name = name; }",
                "    public void setActive(boolean active) { this.active = active; }",
                "    private boolean isActive() { return active; }",
                "}");
        Compilation compilation = compile(user);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(2);
        assertError(compilation, Message.FIELD_NOT_READABLE,
                "Stored field name is private and has no getter the DAO can call. Add a public or package-private getName()",
                user, "private String name;");
        assertError(compilation, Message.FIELD_NOT_READABLE,
                "Add a public or package-private isActive()", user, "private boolean active;");
    }

    @Test
    @Covers(Message.FIELD_NOT_WRITABLE)
    void finalFieldWithoutSetter() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class User {",
                "    @Id Long id;",
                "    final String name;",
                "    private int age;",
                "    public User() { name = null; }",
                "    public int getAge() { return age; }",
                "}");
        Compilation compilation = compile(user);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(2);
        assertError(compilation, Message.FIELD_NOT_WRITABLE,
                "Stored field name cannot be set by the DAO: it is final and has no setter. Add a public or package-private setName(java.lang.String)",
                user, "final String name;");
        assertError(compilation, Message.FIELD_NOT_WRITABLE,
                "it is private and has no setter. Add a public or package-private setAge(int)", user, "private int age;");
    }

    @Test
    @Covers(Message.ANNOTATION_ON_UNSTORED_FIELD)
    void annotationOnStaticOrTransientField() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class User {",
                "    @Id Long id;",
                "    @Indexed static String region;",
                "}");
        assertOnlyError(compile(user), Message.ANNOTATION_ON_UNSTORED_FIELD,
                "@Indexed on region, which is not stored because it is static", user, "@Indexed static String region");

        JavaFileObject account = source("test.Account",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Account {",
                "    @Id Long id;",
                "    @Unique @Transient String login;",
                "}");
        assertOnlyError(compile(account), Message.ANNOTATION_ON_UNSTORED_FIELD,
                "@Unique on login, which is not stored because it is transient", account, "@Unique @Transient String login");

        JavaFileObject item = source("test.Item",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class Item {",
                "    @Id Long id;",
                "    @Version transient long version;",
                "    @Version static long counter;",
                "}");
        Compilation compilation = compile(item);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(2);
        assertError(compilation, Message.ANNOTATION_ON_UNSTORED_FIELD,
                "@Version on version, which is not stored because it is transient", item, "@Version transient long version");
        assertError(compilation, Message.ANNOTATION_ON_UNSTORED_FIELD,
                "@Version on counter, which is not stored because it is static", item, "@Version static long counter");
    }

    @Test
    @Covers(Message.FIELD_TYPE_NOT_ACCESSIBLE)
    void fieldOfPrivateNestedType() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "import java.util.List;",
                "@Model",
                "public class User {",
                "    private record Secret(String value) {}",
                "    @Id Long id;",
                "    List<Secret> secrets;",
                "}");
        assertOnlyError(compile(user), Message.FIELD_TYPE_NOT_ACCESSIBLE,
                "Stored field secrets has type java.util.List<test.User.Secret>, but test.User.Secret is private",
                user, "List<Secret> secrets");
    }

    @Test
    @Covers(Message.TRANSIENT_ON_RECORD)
    void transientRecordComponent() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(",
                "        @Id Long id,",
                "        @Transient String cache) {}");
        assertOnlyError(compile(user), Message.TRANSIENT_ON_RECORD,
                "Record component cache is @Transient", user, "@Transient String cache");
    }

    @Test
    @Covers(Message.MEMBER_OUTSIDE_MODEL)
    void memberAnnotationOutsideModel() {
        JavaFileObject plain = source("test.Plain",
                "package test;",
                "import dev.redao.annotations.*;",
                "public class Plain {",
                "    @Indexed String name;",
                "}");
        assertOnlyError(compile(plain), Message.MEMBER_OUTSIDE_MODEL,
                "@Indexed on Plain.name, but Plain is not a @Model", plain, "@Indexed String name");

        // on a record, the annotation is on the component and its field: reported once
        JavaFileObject point = source("test.Point",
                "package test;",
                "import dev.redao.annotations.*;",
                "public record Point(",
                "        @Id Long id,",
                "        int x) {}");
        assertOnlyError(compile(point), Message.MEMBER_OUTSIDE_MODEL,
                "@Id on Point.id, but Point is not a @Model", point, "@Id Long id");

        // a concrete superclass of a model is no base class: its members mean nothing there
        JavaFileObject base = source("test.Base",
                "package test;",
                "import dev.redao.annotations.*;",
                "public class Base {",
                "    @Unique String code;",
                "}");
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class User extends Base {",
                "    @Id Long id;",
                "}");
        assertOnlyError(compile(base, user), Message.MEMBER_OUTSIDE_MODEL,
                "@Unique on Base.code, but Base is not a @Model", base, "@Unique String code");

        JavaFileObject stamped = source("test.Stamped",
                "package test;",
                "import dev.redao.annotations.*;",
                "public record Stamped(String name, @Version long version) {}");
        assertOnlyError(compile(stamped), Message.MEMBER_OUTSIDE_MODEL,
                "@Version on Stamped.version, but Stamped is not a @Model", stamped, "@Version long version");
    }

    @Test
    void memberAnnotationsInAbstractBaseClassAreAllowed() {
        JavaFileObject base = source("test.Base",
                "package test;",
                "import dev.redao.annotations.*;",
                "public abstract class Base {",
                "    @Id Long id;",
                "    @Indexed String country;",
                "}");
        Compilation alone = compile(base);
        assertThat(alone).succeededWithoutWarnings();

        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public class User extends Base {",
                "    String name;",
                "}");
        Compilation withModel = compile(base, user);
        assertThat(withModel).succeededWithoutWarnings();
        assertThat(withModel).generatedSourceFile("test.UserDao");
    }

    @Test
    @Covers(Message.GENERATED_NAME_CLASH)
    void userTypeTakesTheDaoName() {
        JavaFileObject user = source("test.User",
                "package test;",
                "import dev.redao.annotations.*;",
                "@Model",
                "public record User(@Id Long id) {}");
        JavaFileObject existing = source("test.UserDao",
                "package test;",
                "public class UserDao {",
                "}");
        assertOnlyError(compile(user, existing), Message.GENERATED_NAME_CLASH,
                "Redao would generate UserDao for @Model User, but a type test.UserDao already exists",
                user, "public record User");

        JavaFileObject query = source("test.UserQuery",
                "package test;",
                "public final class UserQuery {",
                "}");
        assertOnlyError(compile(user, query), Message.GENERATED_NAME_CLASH,
                "Redao would generate UserQuery for @Model User, but a type test.UserQuery already exists",
                user, "public record User");
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
