package dev.redao.runtime.internal;

/**
 * Where a model's keys are, as a query needs to read another model than its own: its
 * {@code @Model} name and group, whether its id set is a sorted set (an ordered model), and its
 * {@code @Model(partitions)}. Generated into reference field handles.
 */
public record ModelRef(String name, String group, boolean ordered, int partitions) {

    /** A model that is not partitioned. */
    public ModelRef(String name, String group, boolean ordered) {
        this(name, group, ordered, 1);
    }

    public String base(String namespace) {
        return ModelKeys.base(namespace, group, name);
    }

    /** Whether the model is spread over several partitions, whose keys no single script reads. */
    public boolean partitioned() {
        return partitions > 1;
    }
}
