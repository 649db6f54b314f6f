package dev.redao.dictionary.internal;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;
import dev.redao.annotations.Unique;

/**
 * A value linked to the value of another key that it translates to.
 *
 * <p>The id is the pair of values, so linking the same pair again saves the same object. The
 * {@code route}, the source value's address with the target system and key, is unique: a value
 * has at most one translation per target key, and a translation is one {@code getByRoute}, one
 * script. The target value is copied into {@code toValue} so that this read needs no second one;
 * values are never renamed, and removing either value removes the link (CASCADE), so the copy
 * cannot go stale. {@code keyPair} (source key and target key) lists the links between two keys.
 */
@Model(name = "dictionary_link", group = "dictionary")
public record LinkEntry(
        @Id String id,
        @References(value = ValueEntry.class, onDelete = OnDelete.CASCADE) String fromValueId,
        @References(value = ValueEntry.class, onDelete = OnDelete.CASCADE) String toValueId,
        @Unique String route,
        @Indexed String keyPair,
        String toValue) {

    /** {@return the link from one value to another} */
    public static LinkEntry of(ValueAddress from, ValueAddress to) {
        return new LinkEntry(
                Address.of(from.system(), from.key(), from.value(), to.system(), to.key(), to.value()),
                from.id(),
                to.id(),
                route(from.system(), from.key(), from.value(), to.system(), to.key()),
                keyPair(from.system(), from.key(), to.system(), to.key()),
                to.value());
    }

    public static String route(String fromSystem, String fromKey, String fromValue, String toSystem, String toKey) {
        return Address.of(fromSystem, fromKey, fromValue, toSystem, toKey);
    }

    public static String keyPair(String fromSystem, String fromKey, String toSystem, String toKey) {
        return Address.of(fromSystem, fromKey, toSystem, toKey);
    }
}
