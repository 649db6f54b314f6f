package dev.redao.dictionary.internal;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

/**
 * A key of a system, such as {@code CUSTOMER_TYPE} of {@code CRM}. Its id is the address
 * {@code [system, key]}, so defining a key twice saves the same object again; removing its
 * system removes it.
 */
@Model(name = "dictionary_key", group = "dictionary")
public record KeyEntry(
        @Id String id,
        @References(value = SystemEntry.class, onDelete = OnDelete.CASCADE) String systemId,
        String name) {

    public static KeyEntry of(String system, String key) {
        return new KeyEntry(Address.of(system, key), system, key);
    }
}
