package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.compile;
import static dev.redao.processor.TestCompiler.java;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start compiles against the real runtime with the imports a user writes: four
 * annotations and {@code RedisStore}. Queries are reached through the DAO and the generated
 * {@code UserQuery}, so the user names no type of the query package; a type of the quick start
 * that moves to another package fails here first.
 */
class QuickStartCompileTest {

    @Test
    void theQuickStartImportsFiveRedaoTypes() {
        JavaFileObject user = java("shop.User", """
                import dev.redao.annotations.Id;
                import dev.redao.annotations.Indexed;
                import dev.redao.annotations.Model;
                import dev.redao.annotations.Unique;
                import java.util.List;
                @Model
                public record User(
                        @Id Long id,
                        @Unique String email,
                        @Indexed String country,
                        @Indexed int age,
                        String name,
                        List<String> tags) {}
                """);
        JavaFileObject quickStart = java("shop.QuickStart", """
                import dev.redao.runtime.RedisStore;
                import java.util.List;
                final class QuickStart {
                    static List<User> run() {
                        try (RedisStore store = RedisStore.connect("redis://127.0.0.1:6379?db=0&namespace=shop")) {
                            UserDao users = new UserDao(store);
                            User ann = users.save(new User(null, "ann@example.com", "DE", 31, "Ann", List.of()));
                            users.getByEmail("ann@example.com");
                            List<User> page = users.query()
                                    .filter(UserQuery.country.in("DE", "FR"))
                                    .filter(UserQuery.age.between(18, 40))
                                    .sortBy(UserQuery.age.desc())
                                    .limit(20)
                                    .list();
                            users.delete(ann.id());
                            return page;
                        }
                    }
                }
                """);
        assertThat(compile(user, quickStart)).succeededWithoutWarnings();
    }
}
