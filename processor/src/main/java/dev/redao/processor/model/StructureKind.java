package dev.redao.processor.model;

import com.palantir.javapoet.ClassName;

/** The structure types a model's field can have, with how many element types each takes. */
public enum StructureKind {
    LIST("RedisList", "list", 1),
    SET("RedisSet", "set", 1),
    SORTED_SET("RedisSortedSet", "sorted set", 1),
    MAP("RedisMap", "map", 2),
    TIME_SERIES("TimeSeries", "time series", 1);

    /** The package of the structure types. */
    public static final String PACKAGE = "dev.redao.runtime.structure";

    private final String simpleName;
    private final String label;
    private final int elementTypes;

    StructureKind(String simpleName, String label, int elementTypes) {
        this.simpleName = simpleName;
        this.label = label;
        this.elementTypes = elementTypes;
    }

    /** The kind whose type has this qualified name, or null. */
    public static StructureKind of(String qualifiedName) {
        for (StructureKind k : values()) {
            if (qualifiedName.equals(PACKAGE + "." + k.simpleName)) {
                return k;
            }
        }
        return null;
    }

    public ClassName className() {
        return ClassName.get(PACKAGE, simpleName);
    }

    /** What the runtime calls it in messages: "list", "sorted set". */
    public String label() {
        return label;
    }

    public int elementTypes() {
        return elementTypes;
    }
}
