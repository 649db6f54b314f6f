package dev.redao.dictionary;

import dev.redao.dictionary.internal.Address;
import dev.redao.dictionary.internal.KeyEntry;
import dev.redao.dictionary.internal.KeyEntryQuery;
import dev.redao.dictionary.internal.LinkEntry;
import dev.redao.dictionary.internal.LinkEntryQuery;
import dev.redao.dictionary.internal.SystemEntry;
import dev.redao.dictionary.internal.ValueAddress;
import dev.redao.dictionary.internal.ValueEntry;
import dev.redao.dictionary.internal.ValueEntryQuery;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.internal.Arguments;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A translation dictionary kept in Redis: systems (such as {@code CRM} and {@code BILLING}), their
 * keys ({@code CUSTOMER_TYPE}), the keys' values ({@code Individual}), and links from a value to
 * the value of another key it translates to ({@code I} of {@code BILLING}'s {@code CUST_TYPE}).
 *
 * <p>One dictionary per namespace of a store: every {@code TranslationDictionary} on stores of the
 * same namespace sees the same entries. Its keys are those of four Redao models of the group
 * {@code dictionary}, so they share one cluster slot. A link goes one way: link both ways to
 * translate both ways. A value has at most one translation per target key; several values may
 * translate to the same one.
 *
 * <p>A system, key or value that a call names and the dictionary does not hold is an {@link
 * UnknownEntryException} saying which. A null or blank name is an {@link InvalidArgumentException}.
 * A refused call writes nothing. Names are any text that is not blank.
 */
public final class TranslationDictionary {
    private final Daos daos;

    private TranslationDictionary(Daos daos) {
        this.daos = daos;
    }

    /**
     * The dictionary of the store's namespace. Cheap: it holds the store and four DAOs, and may be
     * kept or made again at will.
     *
     * @param store the store whose namespace holds the dictionary
     * @return the dictionary
     * @throws InvalidArgumentException if {@code store} is null
     */
    public static TranslationDictionary on(RedisStore store) {
        return new TranslationDictionary(Daos.on(Arguments.requireNonNull(store, "store", "TranslationDictionary.on")));
    }

    // ---- defining

    /**
     * Defines a system; defining one that exists changes nothing.
     *
     * @param system the system's name
     * @throws InvalidArgumentException if the name is null or blank
     */
    public void defineSystem(String system) {
        daos.systems().save(new SystemEntry(name(system, "system", "defineSystem")));
    }

    /**
     * Defines a key of a system; defining one that exists changes nothing.
     *
     * @param system the system
     * @param key the key's name
     * @throws UnknownSystemException if the system does not exist
     * @throws InvalidArgumentException if a name is null or blank
     */
    public void defineKey(String system, String key) {
        String call = "defineKey";
        name(system, "system", call);
        name(key, "key", call);
        requireSystem(system);
        Entries entries = new Entries();
        entries.key(system, key);
        entries.save(daos);
    }

    /**
     * Defines a value of a key; defining one that exists changes nothing.
     *
     * @param system the system
     * @param key the key
     * @param value the value
     * @throws UnknownEntryException if the system or the key does not exist
     * @throws InvalidArgumentException if a name is null or blank
     */
    public void defineValue(String system, String key, String value) {
        ValueAddress address = value(system, key, value, "defineValue", "");
        requireKey(system, key);
        Entries entries = new Entries();
        entries.value(address);
        entries.save(daos);
    }

    // ---- linking and translating

    /**
     * Links a value to the value of another key that it translates to. Linking the same two
     * values again changes nothing.
     *
     * @param fromSystem the system of the value to translate
     * @param fromKey its key
     * @param fromValue the value
     * @param toSystem the system of the value it translates to
     * @param toKey that value's key, not {@code fromKey} of {@code fromSystem}
     * @param toValue the value it translates to
     * @throws UnknownEntryException if a system, key or value does not exist
     * @throws AlreadyLinkedException if the value is linked to another value of {@code toKey}
     * @throws InvalidArgumentException if a name is null or blank, or both values have the same key
     */
    public void link(String fromSystem, String fromKey, String fromValue, String toSystem, String toKey, String toValue) {
        String call = "link";
        ValueAddress from = value(fromSystem, fromKey, fromValue, call, "from");
        ValueAddress to = value(toSystem, toKey, toValue, call, "to");
        if (from.keyId().equals(to.keyId())) {
            throw new InvalidArgumentException("toKey", call + ": both values are of key '" + fromKey + "' of system '"
                    + fromSystem + "'; a value translates to a value of another key");
        }
        if (daos.values().getAll(List.of(from.id(), to.id())).size() < 2) {
            requireValue(from);
            requireValue(to);
        }
        Entries entries = new Entries();
        entries.link(from, to);
        save(entries);
    }

    /**
     * The value that a value translates to in another key: one round trip (one script) when the
     * link exists. When it does not, up to two more reads tell an unknown entry from a value that
     * has no translation there.
     *
     * @param fromSystem the system of the value to translate
     * @param fromKey its key
     * @param fromValue the value
     * @param toSystem the system to translate into
     * @param toKey the key to translate into
     * @return the value it is linked to, or empty if the value has no link to that key: a missing
     *     translation is no error
     * @throws UnknownEntryException if a system, key or value does not exist
     * @throws InvalidArgumentException if a name is null or blank
     */
    public Optional<String> translate(String fromSystem, String fromKey, String fromValue, String toSystem, String toKey) {
        return findLink(fromSystem, fromKey, fromValue, toSystem, toKey, "translate").map(LinkEntry::toValue);
    }

    /**
     * Removes a value's link into a key.
     *
     * @param fromSystem the system of the linked value
     * @param fromKey its key
     * @param fromValue the value
     * @param toSystem the system of the key it translates into
     * @param toKey the key it translates into
     * @return whether a link was removed; false if the value had none into that key
     * @throws UnknownEntryException if a system, key or value does not exist
     * @throws InvalidArgumentException if a name is null or blank
     */
    public boolean unlink(String fromSystem, String fromKey, String fromValue, String toSystem, String toKey) {
        Optional<LinkEntry> link = findLink(fromSystem, fromKey, fromValue, toSystem, toKey, "unlink");
        return link.isPresent() && daos.links().delete(link.get().id());
    }

    private Optional<LinkEntry> findLink(String fromSystem, String fromKey, String fromValue, String toSystem,
            String toKey, String call) {
        ValueAddress from = value(fromSystem, fromKey, fromValue, call, "from");
        name(toSystem, "toSystem", call);
        name(toKey, "toKey", call);
        Optional<LinkEntry> link = daos.links().getByRoute(LinkEntry.route(fromSystem, fromKey, fromValue, toSystem, toKey));
        if (link.isEmpty()) {
            requireValue(from);
            requireKey(toSystem, toKey);
        }
        return link;
    }

    // ---- listing

    /** {@return the names of the systems, sorted} */
    public List<String> systems() {
        return daos.systems().query().list().stream().map(SystemEntry::name).sorted().toList();
    }

    /**
     * The keys of a system.
     *
     * @param system the system
     * @return the names of its keys, sorted
     * @throws UnknownSystemException if the system does not exist
     * @throws InvalidArgumentException if the name is null or blank
     */
    public List<String> keys(String system) {
        name(system, "system", "keys");
        List<String> keys = daos.keys().query().filter(KeyEntryQuery.systemId.eq(system)).list().stream()
                .map(KeyEntry::name).sorted().toList();
        if (keys.isEmpty()) {
            requireSystem(system);
        }
        return keys;
    }

    /**
     * The values of a key.
     *
     * @param system the system
     * @param key the key
     * @return its values, sorted
     * @throws UnknownEntryException if the system or the key does not exist
     * @throws InvalidArgumentException if a name is null or blank
     */
    public List<String> values(String system, String key) {
        String call = "values";
        name(system, "system", call);
        name(key, "key", call);
        List<String> values = daos.values().query().filter(ValueEntryQuery.keyId.eq(Address.of(system, key))).list()
                .stream().map(ValueEntry::value).sorted().toList();
        if (values.isEmpty()) {
            requireKey(system, key);
        }
        return values;
    }

    /**
     * The links from the values of one key into another: one script.
     *
     * @param fromSystem the system of the linked values
     * @param fromKey their key
     * @param toSystem the system they translate into
     * @param toKey the key they translate into
     * @return each linked value of {@code fromKey} and the value it translates to, sorted
     * @throws UnknownEntryException if a system or key does not exist
     * @throws InvalidArgumentException if a name is null or blank
     */
    public SortedMap<String, String> translations(String fromSystem, String fromKey, String toSystem, String toKey) {
        String call = "translations";
        name(fromSystem, "fromSystem", call);
        name(fromKey, "fromKey", call);
        name(toSystem, "toSystem", call);
        name(toKey, "toKey", call);
        SortedMap<String, String> translations = new TreeMap<>();
        daos.links().query().filter(LinkEntryQuery.keyPair.eq(LinkEntry.keyPair(fromSystem, fromKey, toSystem, toKey)))
                .list().forEach(link -> translations.put(ValueAddress.ofId(link.fromValueId()).value(), link.toValue()));
        if (translations.isEmpty()) {
            requireKey(fromSystem, fromKey);
            requireKey(toSystem, toKey);
        }
        return Collections.unmodifiableSortedMap(translations);
    }

    // ---- removing

    /**
     * Removes a system with its keys, their values and every link from or to those values, in
     * one script.
     *
     * @param system the system
     * @throws UnknownSystemException if the system does not exist
     * @throws InvalidArgumentException if the name is null or blank
     */
    public void removeSystem(String system) {
        if (!daos.systems().delete(name(system, "system", "removeSystem"))) {
            throw new UnknownSystemException(system);
        }
    }

    /**
     * Removes a key with its values and every link from or to them, in one script.
     *
     * @param system the system
     * @param key the key
     * @throws UnknownEntryException if the system or the key does not exist
     * @throws InvalidArgumentException if a name is null or blank
     */
    public void removeKey(String system, String key) {
        String call = "removeKey";
        name(system, "system", call);
        name(key, "key", call);
        if (!daos.keys().delete(Address.of(system, key))) {
            requireKey(system, key);
        }
    }

    /**
     * Removes a value with every link from or to it, in one script.
     *
     * @param system the system
     * @param key the key
     * @param value the value
     * @throws UnknownEntryException if the system, the key or the value does not exist
     * @throws InvalidArgumentException if a name is null or blank
     */
    public void removeValue(String system, String key, String value) {
        ValueAddress address = value(system, key, value, "removeValue", "");
        if (!daos.values().delete(address.id())) {
            requireValue(address);
        }
    }

    // ---- import and export

    /**
     * The whole dictionary as JSON, sorted by name:
     * {@code {"systems": [{"name": ..., "keys": [{"name": ..., "values": [...]}]}], "links":
     * [{"from": [system, key, value], "to": [system, key, value]}]}}. Read in four scripts, one per
     * model, so a dictionary changed meanwhile may show part of the change.
     *
     * @return the JSON document
     */
    public String exportJson() {
        return DictionaryJson.write(daos.systems().query().list(), daos.keys().query().list(),
                daos.values().query().list(), daos.links().query().list());
    }

    /**
     * Adds the entries and links of a document that {@link #exportJson()} wrote, in one
     * transaction: all or nothing. Entries the dictionary holds already stay; a link's values
     * (with their keys and systems) are defined if the document does not list them.
     *
     * @param json the JSON document
     * @throws AlreadyLinkedException if a link would give a value a second translation into a
     *     key, in the document or with a link the dictionary holds; nothing was written
     * @throws InvalidArgumentException if {@code json} is null or not such a document, naming the place
     */
    public void importJson(String json) {
        Entries entries = DictionaryJson.read(Arguments.requireNonNull(json, "json", "importJson"));
        if (!entries.isEmpty()) {
            save(entries);
        }
    }

    // ---- helpers

    /** Saves the call's entries; a link whose route another link holds is {@link AlreadyLinkedException}. */
    private void save(Entries entries) {
        try {
            entries.save(daos);
        } catch (UniqueViolationException e) {
            if (!e.field().equals("route")) {
                throw e;
            }
            List<String> route = Address.parts(e.value());
            List<String> holder = Address.parts(e.holderId().toString());
            throw new AlreadyLinkedException(route.get(0), route.get(1), route.get(2), route.get(3), route.get(4),
                    holder.get(5), e);
        }
    }

    private void requireSystem(String system) {
        if (!daos.systems().exists(system)) {
            throw new UnknownSystemException(system);
        }
    }

    private void requireKey(String system, String key) {
        if (!daos.keys().exists(Address.of(system, key))) {
            requireSystem(system);
            throw new UnknownKeyException(system, key);
        }
    }

    private void requireValue(ValueAddress value) {
        if (!daos.values().exists(value.id())) {
            requireKey(value.system(), value.key());
            throw new UnknownValueException(value.system(), value.key(), value.value());
        }
    }

    /** The address of a value whose three names are checked; {@code prefix} is "from", "to" or "" as the call names them. */
    private static ValueAddress value(String system, String key, String value, String call, String prefix) {
        return new ValueAddress(name(system, argument(prefix, "system"), call), name(key, argument(prefix, "key"), call),
                name(value, argument(prefix, "value"), call));
    }

    private static String argument(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** {@code name}, or an {@link InvalidArgumentException} when it is null or blank. */
    private static String name(String name, String argument, String call) {
        if (Arguments.requireNonNull(name, argument, call).isBlank()) {
            throw new InvalidArgumentException(argument, call + ": " + argument + " is blank");
        }
        return name;
    }

    @Override
    public String toString() {
        return "TranslationDictionary[" + daos.store().namespace() + "]";
    }
}
