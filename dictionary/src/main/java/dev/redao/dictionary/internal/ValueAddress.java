package dev.redao.dictionary.internal;

import java.util.List;

/** Where a value is: its system, its key and the value itself. */
public record ValueAddress(String system, String key, String value) {

    /** {@return the address that a {@link ValueEntry}'s id holds} */
    public static ValueAddress ofId(String valueId) {
        List<String> parts = Address.parts(valueId);
        return new ValueAddress(parts.get(0), parts.get(1), parts.get(2));
    }

    /** {@return the id of this value's {@link ValueEntry}} */
    public String id() {
        return Address.of(system, key, value);
    }

    /** {@return the id of its key's {@link KeyEntry}} */
    public String keyId() {
        return Address.of(system, key);
    }
}
