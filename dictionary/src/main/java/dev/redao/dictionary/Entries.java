package dev.redao.dictionary;

import dev.redao.dictionary.internal.KeyEntry;
import dev.redao.dictionary.internal.LinkEntry;
import dev.redao.dictionary.internal.SystemEntry;
import dev.redao.dictionary.internal.ValueAddress;
import dev.redao.dictionary.internal.ValueEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one call saves, in one transaction: all or nothing. Each entry goes with its parents (a
 * value with its key and system), saved again as they are: Redao does not check that a
 * referenced object exists, so a system removed between a call's checks and its write would
 * otherwise leave keys, values or links that refer to nothing. Each entry is saved once.
 */
final class Entries {
    private final Map<String, SystemEntry> systems = new LinkedHashMap<>();
    private final Map<String, KeyEntry> keys = new LinkedHashMap<>();
    private final Map<String, ValueEntry> values = new LinkedHashMap<>();
    /** By route: a value has one link per target key. */
    private final Map<String, LinkEntry> links = new LinkedHashMap<>();

    void system(String system) {
        systems.putIfAbsent(system, new SystemEntry(system));
    }

    void key(String system, String key) {
        system(system);
        KeyEntry entry = KeyEntry.of(system, key);
        keys.putIfAbsent(entry.id(), entry);
    }

    void value(ValueAddress value) {
        key(value.system(), value.key());
        ValueEntry entry = ValueEntry.of(value);
        values.putIfAbsent(entry.id(), entry);
    }

    /**
     * Adds the link and both its values.
     *
     * @return the link of this call that already gives {@code from} another value of {@code to}'s key, or null
     */
    LinkEntry link(ValueAddress from, ValueAddress to) {
        value(from);
        value(to);
        LinkEntry link = LinkEntry.of(from, to);
        LinkEntry before = links.putIfAbsent(link.route(), link);
        return before == null || before.equals(link) ? null : before;
    }

    boolean isEmpty() {
        return systems.isEmpty();
    }

    void save(Daos daos) {
        daos.store().transaction(tx -> {
            systems.values().forEach(e -> tx.save(daos.systems(), e));
            keys.values().forEach(e -> tx.save(daos.keys(), e));
            values.values().forEach(e -> tx.save(daos.values(), e));
            links.values().forEach(e -> tx.save(daos.links(), e));
        });
    }
}
