package dev.redao.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps an index of this field so that queries can filter on it. Numbers, dates and times get a
 * sorted-set index (equality, ranges and sorting); strings, enums, booleans and UUIDs get one set
 * per value (equality and {@code in}); a String field with {@code prefix = true} also gets a
 * lexicographic index for {@code startsWith}. Collections, maps, nested objects and
 * {@code byte[]} cannot be indexed.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Indexed {

    /**
     * Also keeps the lexicographic index <code>{...}:lex:&lt;field&gt;</code> that the query
     * handle's {@code startsWith} needs; without it the handle has no {@code startsWith}. Only for
     * String fields. It costs a sorted-set entry per object and a command per write that changes
     * the field (a save, a delete), so it is off unless asked for.
     *
     * @return whether the field also has a lexicographic index
     */
    boolean prefix() default false;
}
