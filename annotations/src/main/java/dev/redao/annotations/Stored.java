package dev.redao.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name under which the field is stored, when it is not the field's own: the field of the
 * object's hash, and the name in the keys of its indexes and unique values. Renaming a field in
 * Java while keeping its stored name keeps every stored object, index and query as it was, with
 * nothing to migrate:
 *
 * <pre>{@code
 * @Stored("nick") @Indexed String nickname;   // was: @Indexed String nick;
 * }</pre>
 *
 * The name is a letter or '_' followed by letters, digits or '_', and no other field of the model
 * may be stored under it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Stored {
    /**
     * The stored name.
     *
     * @return the name
     */
    String value();
}
