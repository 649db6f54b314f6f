package dev.redao.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes this field a reference to another {@code @Model}: it holds the referenced object's id (its
 * type must be that model's id type), it is indexed by value so that "every order of a customer"
 * is one query, and {@code <Model>Query} gets a handle that can filter through the reference and
 * load the referenced objects. {@link #onDelete()} says what deleting the referenced object does
 * to this one; it has no default, so that the choice is always made on purpose.
 *
 * <p>Except with {@link OnDelete#KEEP}, the delete of the referenced object touches this model in
 * the same script, so both models must share a {@code @Model(group)} (on a cluster they must
 * share a slot), and the referencing model must be compiled together with the referenced one.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface References {

    /** {@return the referenced model} */
    Class<?> value();

    /**
     * What deleting the referenced object does to this one.
     *
     * @return what deleting the referenced object does
     */
    OnDelete onDelete();
}
