package dev.redao.dictionary.internal;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

/**
 * A value of a key, such as {@code Individual} of {@code CRM}'s {@code CUSTOMER_TYPE}. Its id is
 * the address {@code [system, key, value]}; removing its key removes it.
 */
@Model(name = "dictionary_value", group = "dictionary")
public record ValueEntry(
        @Id String id,
        @References(value = KeyEntry.class, onDelete = OnDelete.CASCADE) String keyId,
        String value) {

    public static ValueEntry of(ValueAddress address) {
        return new ValueEntry(address.id(), address.keyId(), address.value());
    }
}
