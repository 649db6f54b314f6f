package dev.redao.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code long} or {@code Long} field as the object's version, for optimistic locking: a
 * save succeeds only if the stored version equals the object's (a new object has version 0 or
 * null). The check runs inside the save script, so it holds under any number of concurrent
 * writers; on a mismatch the save throws {@code OptimisticLockException} and nothing is written.
 * The saved object comes back with the next version (the stored version + 1). A model has at most
 * one version field, and it cannot also be the id, {@code @Indexed}, {@code @Unique} or the
 * model's ordering: it changes on every save.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Version {}
