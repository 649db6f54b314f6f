package dev.redao.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A compound sorted index, declared in {@link Model#indexes()}: {@code @Index({"country", "age"})}
 * keeps, for each value of the first field, a sorted set of the objects that hold it, scored by
 * the second field. A query that selects one value of the first field and sorts by the second, or
 * takes a range of it, then reads only its page: its cost grows with the page, not with the
 * number of objects that hold the value.
 *
 * <p>The first field must have an {@link Indexed} of equality (a text, an enum, a boolean or a
 * reference), the second an {@link Indexed} of order (a number, a date or a time), whose scores
 * the compound index shares: queries keep their meaning without it, and the compound index only
 * makes some of them cheaper. Each one costs a write that changes either field one more command.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Index {
    /** {@return the two fields, by their Java names: the one selected by equality, then the one sorted by} */
    String[] value();
}
