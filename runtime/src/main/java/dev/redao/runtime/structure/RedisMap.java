package dev.redao.runtime.structure;

import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.Transaction;
import dev.redao.runtime.internal.ElementCodec;
import dev.redao.runtime.internal.StructureAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A map an object owns (a Redis hash of its own): entries put, read and removed one at a time.
 * Writes need the object to exist.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RedisMap<K, V> extends Structure {
    private final ElementCodec<K> keys;
    private final ElementCodec<V> values;

    /** For generated code: the map of one object. */
    public RedisMap(StructureAccess access, ElementCodec<K> keys, ElementCodec<V> values) {
        super(access);
        this.keys = keys;
        this.values = values;
    }

    /**
     * Maps {@code key} to {@code value}, replacing any value it had.
     *
     * @return whether the key was new
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    public boolean put(K key, V value) {
        return (Long) access.write("HSET", List.of(access.encode(keys, key, "key", "put"),
                access.encode(values, value, "value", "put"))) == 1L;
    }

    /**
     * Maps {@code key} to {@code value} when {@code transaction} commits, in its script (see
     * {@link RedisList#push(Transaction, Object[])}).
     *
     * @throws MissingObjectException from the commit, if the object does not exist then
     */
    public void put(Transaction transaction, K key, V value) {
        access.writeIn(transaction, "HSET", List.of(access.encode(keys, key, "key", "put"),
                access.encode(values, value, "value", "put")));
    }

    /** The value of {@code key}, if it has one. */
    public Optional<V> get(K key) {
        Object raw = access.read("HGET", List.of(access.encode(keys, key, "key", "get")));
        return raw instanceof byte[] ? Optional.of(access.decode(values, raw)) : Optional.empty();
    }

    /**
     * Removes {@code key}.
     *
     * @return whether it had a value
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    public boolean remove(K key) {
        return (Long) access.write("HDEL", List.of(access.encode(keys, key, "key", "remove"))) == 1L;
    }

    /** The entries read with the object by {@code getWithStructures}; empty when it was loaded otherwise. */
    public Optional<Map<K, V>> loaded() {
        List<?> raw = access.loaded();
        return raw == null ? Optional.empty() : Optional.of(decoded(raw));
    }

    /** Every entry, in no particular order. */
    public Map<K, V> entries() {
        return decoded((List<?>) access.read("HGETALL", List.of()));
    }

    private Map<K, V> decoded(List<?> raw) {
        Map<K, V> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < raw.size(); i += 2) {
            out.put(access.decode(keys, raw.get(i)), access.decode(values, raw.get(i + 1)));
        }
        return out;
    }

    /** The number of entries. */
    public long size() {
        return (Long) access.read("HLEN", List.of());
    }
}
