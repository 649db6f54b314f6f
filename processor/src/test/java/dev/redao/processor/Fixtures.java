package dev.redao.processor;

import static dev.redao.processor.TestCompiler.annotated;

import javax.tools.JavaFileObject;

/** Sources that several processor tests compile, each in the package the test asks for. */
final class Fixtures {
    private Fixtures() {}

    /** A model with nothing but its id: {@code @Model public record User(@Id Long id) {}}. */
    static JavaFileObject bareUser(String pkg) {
        return annotated(pkg + ".User", """
                @Model
                public record User(@Id Long id) {}
                """);
    }

    /** An abstract base class whose private {@code @Version Long version} its subclasses reach through accessors. */
    static JavaFileObject versionedBase(String pkg) {
        return annotated(pkg + ".Versioned", """
                public abstract class Versioned {
                    @Version private Long version;
                    public Long getVersion() { return version; }
                    public void setVersion(Long v) { version = v; }
                }
                """);
    }
}
