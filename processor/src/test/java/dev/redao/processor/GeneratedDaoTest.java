package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.annotated;
import static dev.redao.processor.TestCompiler.assertOneJavacError;
import static dev.redao.processor.TestCompiler.compile;
import static dev.redao.processor.TestCompiler.compileWith;
import static dev.redao.processor.TestCompiler.generated;
import static dev.redao.processor.TestCompiler.java;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Valid models compile, together with their DAOs, against the real runtime. What a DAO offers is
 * proven by compiling code that calls it, not by reading the generated text.
 */
class GeneratedDaoTest {
    private static final JavaFileObject COLOR = java("shop.Color", """
            public enum Color { RED, GREEN }
            """);

    private static final JavaFileObject ADDRESS = java("shop.Address", """
            public record Address(String street, String city) {}
            """);

    /** Every supported type, every indexable one indexed, some unique. */
    private static final JavaFileObject RECORD_MODEL = annotated("shop.Everything", """
            import java.math.BigDecimal;
            import java.math.BigInteger;
            import java.time.*;
            import java.util.*;
            @Model
            public record Everything(
                    @Id Long id,
                    @Unique String email,
                    @Indexed boolean active,
                    @Unique char grade,
                    @Indexed byte smallest,
                    @Indexed short small,
                    @Unique @Indexed int count,
                    @Indexed long big,
                    @Indexed float ratio,
                    @Indexed double score,
                    @Indexed Boolean activeBox,
                    @Indexed Character gradeBox,
                    @Indexed Byte smallestBox,
                    @Indexed Short smallBox,
                    @Indexed Integer countBox,
                    @Unique Long bigBox,
                    @Indexed Float ratioBox,
                    @Indexed Double scoreBox,
                    @Unique BigDecimal price,
                    @Indexed BigInteger huge,
                    @Unique @Indexed Color color,
                    @Unique UUID token,
                    @Indexed Instant at,
                    @Unique LocalDate day,
                    @Indexed LocalDateTime dayTime,
                    @Indexed LocalTime time,
                    @Indexed Duration duration,
                    byte[] avatar,
                    List<String> tags,
                    Map<String, Integer> scores,
                    Address address,
                    String name) {}
            """);

    /** Private fields behind getters and setters; nothing indexed. */
    private static final JavaFileObject BEAN_MODEL = annotated("shop.Account", """
            import java.math.BigDecimal;
            import java.math.BigInteger;
            import java.time.*;
            import java.util.*;
            @Model
            public class Account {
                @Id private String id;
                private String name;
                private boolean active;
                private char grade;
                private byte smallest;
                private short small;
                private int count;
                private long big;
                private float ratio;
                private double score;
                private Boolean activeBox;
                private Character gradeBox;
                private Byte smallestBox;
                private Short smallBox;
                private Integer countBox;
                private Long bigBox;
                private Float ratioBox;
                private Double scoreBox;
                private BigDecimal price;
                private BigInteger huge;
                private Color color;
                private UUID token;
                private Instant at;
                private LocalDate day;
                private LocalDateTime dayTime;
                private LocalTime time;
                private Duration duration;
                private byte[] avatar;
                private List<String> tags;
                private Map<String, Integer> scores;
                private Address address;
                private transient String cache;
                @Transient private String scratch;
                public String getId() { return id; }
                public void setId(String v) { id = v; }
                public String getName() { return name; }
                public void setName(String v) { name = v; }
                public boolean isActive() { return active; }
                public void setActive(boolean v) { active = v; }
                public char getGrade() { return grade; }
                public void setGrade(char v) { grade = v; }
                public byte getSmallest() { return smallest; }
                public void setSmallest(byte v) { smallest = v; }
                public short getSmall() { return small; }
                public void setSmall(short v) { small = v; }
                public int getCount() { return count; }
                public void setCount(int v) { count = v; }
                public long getBig() { return big; }
                public void setBig(long v) { big = v; }
                public float getRatio() { return ratio; }
                public void setRatio(float v) { ratio = v; }
                public double getScore() { return score; }
                public void setScore(double v) { score = v; }
                public Boolean getActiveBox() { return activeBox; }
                public void setActiveBox(Boolean v) { activeBox = v; }
                public Character getGradeBox() { return gradeBox; }
                public void setGradeBox(Character v) { gradeBox = v; }
                public Byte getSmallestBox() { return smallestBox; }
                public void setSmallestBox(Byte v) { smallestBox = v; }
                public Short getSmallBox() { return smallBox; }
                public void setSmallBox(Short v) { smallBox = v; }
                public Integer getCountBox() { return countBox; }
                public void setCountBox(Integer v) { countBox = v; }
                public Long getBigBox() { return bigBox; }
                public void setBigBox(Long v) { bigBox = v; }
                public Float getRatioBox() { return ratioBox; }
                public void setRatioBox(Float v) { ratioBox = v; }
                public Double getScoreBox() { return scoreBox; }
                public void setScoreBox(Double v) { scoreBox = v; }
                public BigDecimal getPrice() { return price; }
                public void setPrice(BigDecimal v) { price = v; }
                public BigInteger getHuge() { return huge; }
                public void setHuge(BigInteger v) { huge = v; }
                public Color getColor() { return color; }
                public void setColor(Color v) { color = v; }
                public UUID getToken() { return token; }
                public void setToken(UUID v) { token = v; }
                public Instant getAt() { return at; }
                public void setAt(Instant v) { at = v; }
                public LocalDate getDay() { return day; }
                public void setDay(LocalDate v) { day = v; }
                public LocalDateTime getDayTime() { return dayTime; }
                public void setDayTime(LocalDateTime v) { dayTime = v; }
                public LocalTime getTime() { return time; }
                public void setTime(LocalTime v) { time = v; }
                public Duration getDuration() { return duration; }
                public void setDuration(Duration v) { duration = v; }
                public byte[] getAvatar() { return avatar; }
                public void setAvatar(byte[] v) { avatar = v; }
                public List<String> getTags() { return tags; }
                public void setTags(List<String> v) { tags = v; }
                public Map<String, Integer> getScores() { return scores; }
                public void setScores(Map<String, Integer> v) { scores = v; }
                public Address getAddress() { return address; }
                public void setAddress(Address v) { address = v; }
            }
            """);

    /** Package-private fields, read and written directly; a mix of indexes. */
    private static final JavaFileObject FIELD_MODEL = annotated("shop.Order", """
            import java.math.BigDecimal;
            import java.math.BigInteger;
            import java.time.*;
            import java.util.*;
            @Model(name = "shop.order-v2")
            public class Order {
                @Id UUID id;
                @Unique String number;
                @Indexed boolean active;
                @Indexed char grade;
                @Unique byte smallest;
                @Unique short small;
                int count;
                @Unique long big;
                float ratio;
                double score;
                @Unique Boolean activeBox;
                @Unique Character gradeBox;
                @Unique Byte smallestBox;
                @Unique Short smallBox;
                @Unique Integer countBox;
                Long bigBox;
                Float ratioBox;
                Double scoreBox;
                BigDecimal price;
                @Unique BigInteger huge;
                Color color;
                @Indexed UUID token;
                @Unique Instant at;
                LocalDate day;
                @Unique LocalDateTime dayTime;
                @Unique LocalTime time;
                @Unique Duration duration;
                byte[] avatar;
                List<String> tags;
                Map<String, Integer> scores;
                Address address;
            }
            """);

    /** Calls the DAOs; compiles only if they have the right types and methods. */
    private static final JavaFileObject CALLER = java("shop.Caller", """
            import dev.redao.runtime.ModelDao;
            import dev.redao.runtime.RedisStore;
            import java.math.BigDecimal;
            import java.time.LocalDate;
            import java.util.Optional;
            import java.util.UUID;
            final class Caller {
                static void use(RedisStore store) {
                    ModelDao<Everything, Long> everything = new EverythingDao(store);
                    ModelDao<Account, String> accounts = new AccountDao(store);
                    ModelDao<Order, UUID> orders = new OrderDao(store);
                    Optional<Everything> e1 = new EverythingDao(store).getByEmail("x");
                    Optional<Everything> e2 = new EverythingDao(store).getByCount(3);
                    Optional<Everything> e3 = new EverythingDao(store).getByGrade('a');
                    Optional<Everything> e4 = new EverythingDao(store).getByBigBox(4L);
                    Optional<Everything> e5 = new EverythingDao(store).getByPrice(BigDecimal.ONE);
                    Optional<Everything> e6 = new EverythingDao(store).getByColor(Color.RED);
                    Optional<Everything> e7 = new EverythingDao(store).getByToken(UUID.randomUUID());
                    Optional<Everything> e8 = new EverythingDao(store).getByDay(LocalDate.MIN);
                    Optional<Order> o1 = new OrderDao(store).getByNumber("n");
                    Optional<Order> o2 = new OrderDao(store).getBySmallest((byte) 1);
                    Optional<Order> o3 = new OrderDao(store).getByActiveBox(true);
                }
            }
            """);

    @Test
    void everySupportedTypeCompilesInRecordsAndClasses() {
        Compilation compilation = compile(COLOR, ADDRESS, RECORD_MODEL, BEAN_MODEL, FIELD_MODEL, CALLER);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.EverythingDao");
        assertThat(compilation).generatedSourceFile("shop.AccountDao");
        assertThat(compilation).generatedSourceFile("shop.OrderDao");
    }

    @Test
    void uniqueFieldsGetALookupAndOthersDoNot() {
        JavaFileObject user = annotated("shop.User", """
                @Model
                public record User(
                        @Id Long id,
                        @Unique String email,
                        @Indexed String country,
                        String name) {}
                """);
        JavaFileObject byEmail = java("shop.ByEmail", """
                import dev.redao.runtime.RedisStore;
                import java.util.Optional;
                final class ByEmail {
                    static Optional<User> find(RedisStore store) {
                        return new UserDao(store).getByEmail("x");
                    }
                }
                """);
        Compilation compilation = compile(user, byEmail);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.UserDao");

        for (String notUnique : new String[] {"getByCountry", "getByName", "getById"}) {
            JavaFileObject caller = wrongUse("new UserDao(store)." + notUnique + "(\"x\")");
            assertOneJavacError(compile(user, caller), caller, notUnique, "cannot find symbol");
        }
    }

    /** A filter javac accepts is one the indexes can serve. */
    @Test
    void queryHandlesOfferWhatTheIndexAllows() {
        JavaFileObject user = annotated("shop.User", """
                import java.util.List;
                @Model
                public record User(
                        @Id Long id,
                        @Unique String email,
                        @Indexed(prefix = true) String country,
                        @Indexed String city,
                        @Indexed int age,
                        String name,
                        List<String> tags) {}
                """);
        JavaFileObject caller = java("shop.Finds", """
                import dev.redao.runtime.RedisStore;
                import java.util.List;
                final class Finds {
                    static List<User> find(RedisStore store) {
                        return new UserDao(store).query()
                                .filter(UserQuery.country.in("DE", "FR"))
                                .filter(UserQuery.age.between(18, 40))
                                .filter(UserQuery.country.startsWith("D"))
                                .exclude(UserQuery.email.eq("spam@example.com"))
                                .sortBy(UserQuery.age.desc())
                                .offset(0).limit(20)
                                .list();
                    }
                }
                """);
        Compilation compilation = compile(user, caller);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.UserQuery");

        String[] refused = {
            "UserQuery.name.eq(\"Ann\")",        // not indexed
            "UserQuery.country.between(\"A\", \"B\")", // equality index: no ranges
            "UserQuery.email.startsWith(\"a\")", // unique only: no prefix index
            "UserQuery.city.startsWith(\"B\")",   // indexed without prefix = true: no prefix index
            "UserQuery.age.eq(\"x\")",            // wrong value type
            "UserQuery.tags.eq(List.of())",      // JSON: no index
        };
        for (String condition : refused) {
            JavaFileObject wrong = wrongUse("new UserDao(store).query().filter(" + condition + ").count()");
            assertOneJavacError(compile(user, wrong), wrong, ".filter(", "");
        }
    }

    /** A class of package shop that returns {@code expression}, with a store at hand: expected not to compile. */
    private static JavaFileObject wrongUse(String expression) {
        return java("shop.Wrong", """
                import dev.redao.runtime.RedisStore;
                import java.util.List;
                final class Wrong {
                    static Object run(RedisStore store) {
                        return %s;
                    }
                }
                """.formatted(expression));
    }

    @Test
    void generatedDaoIsPublicAndFinal() {
        JavaFileObject user = Fixtures.bareUser("shop");
        JavaFileObject elsewhere = java("other.Elsewhere", """
                final class Elsewhere {
                    static shop.UserDao dao(dev.redao.runtime.RedisStore store) { return new shop.UserDao(store); }
                }
                """);
        assertThat(compile(user, elsewhere)).succeededWithoutWarnings();

        JavaFileObject subclass = java("shop.Sub", """
                final class Sub extends UserDao {
                    Sub() { super(null); }
                }
                """);
        assertOneJavacError(compile(user, subclass), subclass, "extends UserDao", "cannot inherit from final");
    }

    @Test
    void jsonFieldsWhoseNamesDifferOnlyInCaseOrUnderscoresCompile() {
        JavaFileObject user = annotated("shop.User", """
                import java.util.List;
                @Model
                public record User(@Id Long id, List<String> fooBar, List<Integer> foo_bar, List<Long> FOOBAR) {}
                """);
        assertThat(compile(user)).succeededWithoutWarnings();
    }

    @Test
    void nestedModelGetsOuterUnderscoreInnerDao() {
        JavaFileObject outer = annotated("shop.Outer", """
                public class Outer {
                    @Model
                    public record Inner(@Id Long id, @Unique String code) {}
                    @Model
                    public static class Other {
                        @Id String id;
                    }
                }
                """);
        JavaFileObject caller = java("shop.UsesInner", """
                import dev.redao.runtime.ModelDao;
                import dev.redao.runtime.RedisStore;
                import java.util.Optional;
                final class UsesInner {
                    static void use(RedisStore store) {
                        Optional<Outer.Inner> inner = new Outer_InnerDao(store).getByCode("c");
                        ModelDao<Outer.Other, String> other = new Outer_OtherDao(store);
                    }
                }
                """);
        Compilation compilation = compile(outer, caller);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.Outer_InnerDao");
        assertThat(compilation).generatedSourceFile("shop.Outer_OtherDao");
    }

    @Test
    void idTypeComesFromTheGenericSuperclass() {
        JavaFileObject entity = annotated("shop.Entity", """
                public abstract class Entity<ID> {
                    @Id private ID id;
                    public ID getId() { return id; }
                    public void setId(ID id) { this.id = id; }
                }
                """);
        JavaFileObject member = annotated("shop.Member", """
                @Model
                public class Member extends Entity<Long> {
                    @Unique String email;
                }
                """);
        JavaFileObject ticket = annotated("shop.Ticket", """
                @Model
                public class Ticket extends Entity<java.util.UUID> {
                    @Indexed int priority;
                }
                """);
        // ModelDao<T, ID> is invariant in ID: this compiles only if the ids are Long and UUID
        JavaFileObject caller = java("shop.UsesEntities", """
                import dev.redao.runtime.ModelDao;
                import dev.redao.runtime.RedisStore;
                final class UsesEntities {
                    static void use(RedisStore store) {
                        ModelDao<Member, Long> members = new MemberDao(store);
                        ModelDao<Ticket, java.util.UUID> tickets = new TicketDao(store);
                    }
                }
                """);
        Compilation compilation = compile(entity, member, ticket, caller);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.MemberDao");
        assertThat(compilation).generatedSourceFile("shop.TicketDao");
    }

    /**
     * A {@code @Version} model's DAO overrides {@code withVersion}: a record is copied through its
     * canonical constructor, a class is set through its field or setter. The caller, in the DAOs'
     * package, can call the protected method; the text shows what it does, which needs a store to run.
     */
    @Test
    void versionedModelsGetWithVersion() {
        JavaFileObject doc = annotated("shop.Doc", """
                @Model
                public record Doc(@Id Long id, String title, @Version long version, String body) {}
                """);
        JavaFileObject note = annotated("shop.Note", """
                @Model
                public record Note(@Version Long version, @Id String id) {}
                """);
        JavaFileObject ticket = annotated("shop.Ticket", """
                @Model
                public class Ticket {
                    @Id Long id;
                    @Version long version;
                    String title;
                }
                """);
        JavaFileObject versioned = Fixtures.versionedBase("shop");
        JavaFileObject invoice = annotated("shop.Invoice", """
                @Model
                public class Invoice extends Versioned {
                    @Id Long id;
                }
                """);
        JavaFileObject caller = java("shop.Bumps", """
                import dev.redao.runtime.RedisStore;
                final class Bumps {
                    static void use(RedisStore store, Doc d, Note n, Ticket t, Invoice i) {
                        Doc d2 = new DocDao(store).withVersion(d, 2L);
                        Note n2 = new NoteDao(store).withVersion(n, 2L);
                        Ticket t2 = new TicketDao(store).withVersion(t, 2L);
                        Invoice i2 = new InvoiceDao(store).withVersion(i, 2L);
                    }
                }
                """);
        Compilation compilation = compile(doc, note, ticket, versioned, invoice, caller);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.DocDao").contentsAsUtf8String().contains(
                "    protected Doc withVersion(Doc o, long version) {\n"
                + "        return new Doc(o.id(), o.title(), version, o.body());\n"
                + "    }\n");
        assertThat(compilation).generatedSourceFile("shop.NoteDao").contentsAsUtf8String().contains(
                "    protected Note withVersion(Note o, long version) {\n"
                + "        return new Note(Long.valueOf(version), o.id());\n"
                + "    }\n");
        assertThat(compilation).generatedSourceFile("shop.TicketDao").contentsAsUtf8String().contains(
                "    protected Ticket withVersion(Ticket o, long version) {\n"
                + "        o.version = version;\n"
                + "        return o;\n"
                + "    }\n");
        assertThat(compilation).generatedSourceFile("shop.InvoiceDao").contentsAsUtf8String().contains(
                "    protected Invoice withVersion(Invoice o, long version) {\n"
                + "        o.setVersion(Long.valueOf(version));\n"
                + "        return o;\n"
                + "    }\n");
        // right after withId; the version stays an ordinary stored field
        String docDao = generatedText(compilation, "shop/DocDao.java");
        assertTrue(docDao.indexOf("withId(") < docDao.indexOf("withVersion(")
                && docDao.indexOf("withVersion(") < docDao.indexOf("void write("), docDao);
        assertThat(compilation).generatedSourceFile("shop.DocDao").contentsAsUtf8String()
                .contains(".field(\"title\")\n            .field(\"version\")\n            .field(\"body\")\n            .version(\"version\")");
    }

    @Test
    void modelsWithoutVersionGetNoWithVersion() {
        JavaFileObject user = annotated("shop.User", """
                @Model
                public record User(@Id Long id, long version) {}
                """);
        Compilation compilation = compile(user);
        assertThat(compilation).succeededWithoutWarnings();
        assertFalse(generatedText(compilation, "shop/UserDao.java").contains("withVersion"));
    }

    private static String generatedText(Compilation compilation, String path) {
        for (Map.Entry<String, String> e : generated(compilation).entrySet()) {
            if (e.getKey().endsWith(path)) {
                return e.getValue();
            }
        }
        throw new AssertionError("no generated " + path);
    }

    /** Each shape of a field type that can hide a type generated later: plain, argument, array, bound. */
    private static final String[] LATER_TYPES = {"@Indexed Level", "List<Level>", "Level[]", "List<? extends Level>"};

    /** A model whose field {@code level} has {@code type}, which names Level. */
    private static JavaFileObject customerWithLevel(String type) {
        return annotated("shop.Customer", """
                import java.util.List;
                @Model
                public record Customer(
                        @Id Long id,
                        %s level) {}
                """.formatted(type));
    }

    @Test
    void modelWaitsForFieldTypesGeneratedInALaterRound() {
        for (String type : LATER_TYPES) {
            // the other processor first: Redao claims its annotations, and javac does not call a "*"
            // processor after it in a round that holds no other annotation
            Compilation compilation = compileWith(List.of(new TestCompiler.GeneratesLevel(), new RedaoProcessor()),
                    customerWithLevel(type));
            assertThat(compilation).succeededWithoutWarnings();
            assertThat(compilation).generatedSourceFile("shop.CustomerDao");
        }
    }

    @Test
    void typeThatNeverAppearsIsReportedByJavacAlone() {
        for (String type : LATER_TYPES) {
            JavaFileObject customer = customerWithLevel(type);
            assertOneJavacError(compile(customer), customer, " level)", "cannot find symbol");
        }
    }

    @Test
    void sameSourcesGiveTheSameBytes() {
        JavaFileObject[] sources = {COLOR, ADDRESS, RECORD_MODEL, BEAN_MODEL, FIELD_MODEL};
        Map<String, String> first = generated(compile(sources));
        Map<String, String> second = generated(compile(sources));
        assertFalse(first.isEmpty());
        assertEquals(first.keySet(), second.keySet());
        for (String name : first.keySet()) {
            assertEquals(first.get(name), second.get(name), name + " differs between two compilations");
        }
    }
}
