package dev.redao.runtime.query;

import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.ModelRef;
import java.util.function.Function;

/**
 * A {@code @References} field: it holds the id of an object of the target model and is indexed
 * by value, so {@code eq} and {@code in} find every object that references given ids. It also
 * filters through the reference ({@link #matches}) and names the relation for
 * {@link Query#loadRelated}.
 *
 * @param <M> the model holding the reference
 * @param <RID> the target's id type
 * @param <R> the target model
 */
public final class ReferenceField<M, RID, R> extends EqualityField<M, RID> {
    private final ModelRef owner;
    private final ModelRef target;

    /**
     * @param owner the model that holds the field
     * @param target the referenced model
     * @param name the field's name
     * @param position the field's position in the model's description
     * @param alphabetic whether the field sorts as text rather than as a number
     * @param encoder turns an id into its index entry
     */
    public ReferenceField(String name, int position, boolean alphabetic, Function<? super RID, byte[]> encoder,
                          ModelRef owner, ModelRef target) {
        super(name, position, alphabetic, encoder);
        this.owner = owner;
        this.target = target;
    }

    /**
     * Objects whose referenced object matches {@code condition}, for example orders whose
     * customer lives in Germany: {@code OrderQuery.customerId.matches(CustomerQuery.country.eq("DE"))}.
     * Both sides run in the query's one script.
     *
     * @param condition a condition on the referenced model
     * @return the condition
     */
    public Condition<M> matches(Condition<R> condition) {
        Arguments.requireNonNull(condition, "condition", call("matches"));
        return new Condition<>(new Node.Join(name(), target, condition.node));
    }

    ModelRef owner() {
        return owner;
    }

    ModelRef target() {
        return target;
    }
}
