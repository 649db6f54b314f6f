package dev.redao.runtime.query;

import dev.redao.runtime.internal.Arguments;
import java.util.List;

/**
 * A filter on a model, made by a field handle of its {@code <Model>Query}, for example
 * {@code UserQuery.age.between(18, 40)}. The model type parameter keeps a condition on one model
 * out of another model's query.
 *
 * @param <M> the model
 */
public final class Condition<M> {
    final Node node;

    Condition(Node node) {
        this.node = node;
    }

    /**
     * Both conditions.
     *
     * @param other the other condition
     * @return the condition
     */
    public Condition<M> and(Condition<M> other) {
        Arguments.requireNonNull(other, "other", "and of two conditions");
        return new Condition<>(new Node.And(List.of(node, other.node)));
    }

    /**
     * Either condition.
     *
     * @param other the other condition
     * @return the condition
     */
    public Condition<M> or(Condition<M> other) {
        Arguments.requireNonNull(other, "other", "or of two conditions");
        return new Condition<>(new Node.Or(List.of(node, other.node)));
    }
}
