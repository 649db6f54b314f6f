package dev.redao.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The identity of a model. Its type is {@code Long}, {@code Integer}, {@code String} or
 * {@code UUID}. A {@code Long} or {@code Integer} id left null is assigned by the server from the
 * model's counter inside the save script; a {@code String} or {@code UUID} id left null gets a
 * random UUID. A primitive id is rejected: it could never be "not yet assigned".
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Id {}
