package dev.redao.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import java.lang.reflect.Type;

/**
 * A {@link TypeReference} for a plain class, so that {@code store.queue("jobs", Job.class)} can use
 * {@link Json}'s one decoding path. Jackson reads the type from {@link #getType()}; the type
 * argument recorded by the superclass constructor is never used.
 */
final class ClassType<T> extends TypeReference<T> {
    private final Class<T> type;

    ClassType(Class<T> type) {
        if (type == null) {
            throw new NullPointerException("type");
        }
        this.type = type;
    }

    @Override
    public Type getType() {
        return type;
    }
}
