package dev.redao.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * No two objects of the model may hold the same non-null value of this field. The constraint is
 * checked inside the save script, before anything is written, so it holds under any number of
 * concurrent writers. The DAO gets a {@code getBy<Field>} method. Null values are not claimed.
 * Floating-point types cannot be unique (equality of doubles is not a sound identity).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Unique {}
