package dev.redao.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps an index of this field so that queries can filter on it. Numbers, dates and times get a
 * sorted-set index (equality, ranges and sorting); strings, enums, booleans and UUIDs get one set
 * per value (equality and {@code in}). Collections, maps, nested objects and {@code byte[]} cannot
 * be indexed.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Indexed {}
