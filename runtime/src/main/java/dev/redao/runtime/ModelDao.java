package dev.redao.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The operations every generated {@code <Model>Dao} has. Each one is a single round trip: a write
 * is one script that checks everything before its first write, so it happens whole or not at all.
 * Generated subclasses only translate between the model and its stored fields.
 *
 * @param <T> the model
 * @param <ID> its id type
 */
public abstract class ModelDao<T, ID> {
    private static final byte[] EMPTY = new byte[0];

    private final RedisStore store;
    private final ModelSchema<ID> schema;
    private final ModelKeys keys;
    private final byte[][] fieldNames;
    private final List<byte[]> idSetKey;
    private final List<byte[]> saveKeys;

    protected ModelDao(RedisStore store, ModelSchema<ID> schema) {
        this.store = store;
        this.schema = schema;
        this.keys = new ModelKeys(store.namespace(), schema.name());
        this.fieldNames = schema.fields().stream()
                .map(f -> f.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        this.idSetKey = List.of(keys.idSet());
        this.saveKeys = List.of(keys.idSet(), keys.counter());
    }

    /** The model's id, or null when it has none yet. */
    protected abstract ID idOf(T object);

    /** The object with this id: a copy for a record, the same object (updated) for a class. */
    protected abstract T withId(T object, ID id);

    /** The object with this version: a copy for a record, the same object (updated) for a class. Generated for models with {@code @Version}. */
    protected T withVersion(T object, long version) {
        throw new IllegalStateException(schema.name() + " has no @Version field");
    }

    /** Encodes every stored field but the id. */
    protected abstract void write(T object, FieldWriter out);

    /** Builds the model from its stored fields. */
    protected abstract T read(Row row);

    public final RedisStore store() {
        return store;
    }

    public final ModelSchema<ID> schema() {
        return schema;
    }

    /** The names of this model's keys in the store's namespace. */
    public final ModelKeys keys() {
        return keys;
    }

    /**
     * Inserts or replaces the object and moves its index entries, in one script. A numeric id
     * left null is assigned by the server; a String or UUID id left null gets a random UUID.
     *
     * @return the object with its id
     * @throws UniqueViolationException if a unique value is held by another object; nothing is written
     */
    public T save(T object) {
        return saveAll(List.of(object)).get(0);
    }

    /**
     * Saves every object in one script, all or nothing: if any unique value conflicts, with Redis
     * or with another object of the call, nothing at all is written.
     */
    public List<T> saveAll(Collection<? extends T> objects) {
        if (objects.isEmpty()) {
            return List.of();
        }
        List<T> prepared = new ArrayList<>(objects.size());
        Set<ID> ids = new HashSet<>();
        List<byte[]> args = new ArrayList<>(objects.size() * (schema.fields().size() + 2) + 1);
        args.add(Codecs.encode((long) objects.size()));
        for (T object : objects) {
            T withId = assignClientId(object);
            ID id = idOf(withId);
            if (id != null && !ids.add(id)) {
                throw new IllegalArgumentException("saveAll got two objects with " + schema.name() + " id " + id
                        + ": save each object once");
            }
            prepared.add(withId);
            appendSaveArgs(withId, args);
        }
        List<?> reply = (List<?>) store.eval(schema.save(), saveKeys, args);
        if (((Long) reply.get(0)) == 0L) {
            throw uniqueViolation(reply);
        }
        List<T> saved = new ArrayList<>(prepared.size());
        for (int i = 0; i < prepared.size(); i++) {
            T object = prepared.get(i);
            ID id = schema.idType().decode((byte[]) reply.get(i + 1));
            saved.add(id.equals(idOf(object)) ? object : withId(object, id));
        }
        return saved;
    }

    private T assignClientId(T object) {
        if (idOf(object) != null || schema.idType().assignedByServer()) {
            return object;
        }
        return withId(object, schema.idType().newId());
    }

    /** Per object: id (empty for the server to assign), a presence mask, present values, scores. */
    private void appendSaveArgs(T object, List<byte[]> args) {
        ID id = idOf(object);
        args.add(id == null ? EMPTY : schema.idType().encodeBytes(id));
        FieldWriter w = new FieldWriter(schema, store.json());
        write(object, w);
        int n = fieldNames.length;
        byte[] mask = new byte[n - 1];
        int maskIndex = args.size();
        args.add(mask);
        for (int f = 1; f < n; f++) {
            boolean present = w.values[f] != null;
            mask[f - 1] = (byte) (present ? '1' : '0');
            if (present) {
                args.add(w.values[f]);
            }
        }
        for (int f = 1; f < n; f++) {
            if (w.scores[f] != null && w.values[f] != null) {
                args.add(w.scores[f]);
            }
        }
        args.set(maskIndex, mask);
    }

    private UniqueViolationException uniqueViolation(List<?> reply) {
        String field = utf8(reply.get(1));
        String value = utf8(reply.get(2));
        ID holder = schema.idType().decode((byte[]) reply.get(3));
        return new UniqueViolationException(schema.name(), field, value, holder);
    }

    /** One HMGET. */
    public Optional<T> get(ID id) {
        byte[] key = keys.object(schema.idType().encodeBytes(id));
        List<byte[]> values = store.execute(jedis -> jedis.hmget(key, fieldNames), key);
        return Optional.ofNullable(values.get(0) == null ? null : read(row(values)));
    }

    /** The objects that exist, in the order of {@code ids}, read in one script (a consistent snapshot). */
    public List<T> getAll(Collection<? extends ID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<byte[]> args = new ArrayList<>(ids.size());
        for (ID id : ids) {
            args.add(schema.idType().encodeBytes(id));
        }
        List<?> rows = (List<?>) store.eval(schema.load(), idSetKey, args);
        return readRows(rows, null);
    }

    /** One SISMEMBER (ZSCORE for an ordered model). */
    public boolean exists(ID id) {
        byte[] member = schema.idType().encodeBytes(id);
        if (schema.ordered()) {
            return store.execute(jedis -> jedis.zscore(keys.idSet(), member), keys.idSet()) != null;
        }
        return store.execute(jedis -> jedis.sismember(keys.idSet(), member), keys.idSet());
    }

    /** One SCARD (ZCARD for an ordered model). */
    public long count() {
        return store.execute(jedis -> schema.ordered() ? jedis.zcard(keys.idSet()) : jedis.scard(keys.idSet()), keys.idSet());
    }

    /**
     * Removes the object's hash, its id and every index and unique entry, in one script.
     *
     * @return whether the object existed
     */
    public boolean delete(ID id) {
        return deleteAll(List.of(id)) == 1;
    }

    /** Deletes every object of {@code ids} in one script; returns how many existed. */
    public long deleteAll(Collection<? extends ID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<byte[]> args = new ArrayList<>(ids.size());
        for (ID id : ids) {
            args.add(schema.idType().encodeBytes(id));
        }
        return (Long) store.eval(schema.delete(), idSetKey, args);
    }

    /**
     * Calls {@code listener} with each event Redis reports for the object's key: {@code hset} when
     * it is saved, {@code hdel} when a field becomes null, {@code del} when it is deleted,
     * {@code expired} or {@code evicted}. Uses keyspace notifications, which this turns on as
     * {@link RedisStore#watchKey} does (it needs {@code K} and the classes {@code ghxe}). The listener
     * gets the object's key name.
     *
     * @throws KeyspaceEventsException if notifications are off and this connection may not turn them on
     */
    public final Subscription watch(ID id, KeyEventListener listener) {
        String key = new String(keys.object(schema.idType().encodeBytes(id)), StandardCharsets.UTF_8);
        return store.watch(key, key, KeyspaceEvents.OBJECT, listener);
    }

    /**
     * For the generated {@code subscribe} of a model with {@code @Model(events = true)}: decodes
     * the events its scripts publish. A payload that is no change event goes to the store's
     * {@link PubSub#onError error handler}.
     */
    protected final Subscription subscribeToChanges(Consumer<? super ChangeEvent<ID>> listener) {
        Objects.requireNonNull(listener, "listener");
        return store.pubSub().subscribeExact(keys.events(), (channel, payload) ->
                listener.accept(ChangeEvents.parse(payload, schema.idType())));
    }

    /** For the generated {@code getBy<Field>}: the object holding a unique value, in one script. */
    protected final Optional<T> getByUnique(String field, byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        List<byte[]> args = List.of(field.getBytes(StandardCharsets.UTF_8), value);
        Object reply = store.eval(schema.loadByUnique(), idSetKey, args);
        if (reply == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<byte[]> values = (List<byte[]>) reply;
        return Optional.ofNullable(values.get(0) == null ? null : read(row(values)));
    }

    /**
     * Counts of this model's objects and keys by kind, and the memory they use (exact for a model
     * of at most 1,000 keys, else estimated from samples). Scans the database once: a maintenance
     * call, not one for a hot path. The figures are read one after another, not as a snapshot.
     */
    public ModelStats stats() {
        return stats(ModelStatsCollector.EXACT_UP_TO, ModelStatsCollector.SAMPLES_PER_KIND);
    }

    /**
     * As {@link #stats()}: memory is measured key by key when the model has at most
     * {@code exactUpTo} keys, else from {@code samplesPerKind} random keys of each numerous kind.
     */
    public ModelStats stats(int exactUpTo, int samplesPerKind) {
        return ModelStatsCollector.collect(this, exactUpTo, samplesPerKind);
    }

    /** A query over every object of the model; narrow it with {@code filter} and the field handles of {@code <Model>Query}. */
    public Query<T, ID> query() {
        return new Query<>(this);
    }

    Object runQuery(List<byte[]> args) {
        return store.eval(schema.query(), idSetKey, args);
    }

    /**
     * Rows of a load script, skipping objects that do not exist. With {@code positions}, row
     * element i holds stored field {@code positions[i]} (element 0 is the id) and the other fields
     * read as missing.
     */
    final List<T> readRows(List<?> rows, int[] positions) {
        List<T> out = new ArrayList<>(rows.size());
        for (Object r : rows) {
            @SuppressWarnings("unchecked")
            List<byte[]> values = (List<byte[]>) r;
            if (values.get(0) == null) {
                continue;
            }
            if (positions != null) {
                byte[][] full = new byte[fieldNames.length][];
                for (int i = 0; i < positions.length; i++) {
                    full[positions[i]] = values.get(i);
                }
                values = Arrays.asList(full);
            }
            out.add(read(row(values)));
        }
        return out;
    }

    private Row row(List<byte[]> values) {
        return new Row(schema, keys.base(), store.json(), values);
    }

    private static String utf8(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }
}
