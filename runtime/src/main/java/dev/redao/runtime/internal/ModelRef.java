package dev.redao.runtime.internal;

/**
 * Where a model's keys are, as a query needs to read another model than its own: its
 * {@code @Model} name and group, and whether its id set is a sorted set (an ordered model).
 * Generated into reference field handles.
 */
public record ModelRef(String name, String group, boolean ordered) {

    public String base(String namespace) {
        return ModelKeys.base(namespace, group, name);
    }
}
