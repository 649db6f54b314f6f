package dev.redao.runtime;

import dev.redao.annotations.OnDelete;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
    /**
     * The most objects one save or delete script handles. A batch of 1,000 User objects (a unique,
     * two indexes, a sorted index) held Redis for about 20 ms on the 2-core machine of the
     * benchmarks; 250 keeps each script near 5 ms, so other clients wait at most that long, while
     * the per-call cost stays spread over many objects.
     */
    public static final int BATCH_SIZE = 250;

    private final RedisStore store;
    private final ModelSchema<ID> schema;
    private final ModelKeys keys;
    private final byte[][] fieldNames;
    private final List<byte[]> idSetKey;
    private final PartialObjects partials = new PartialObjects();

    protected ModelDao(RedisStore store, ModelSchema<ID> schema) {
        this.store = store;
        this.schema = schema;
        this.keys = new ModelKeys(store.namespace(), schema.group(), schema.name());
        this.fieldNames = schema.fields().stream()
                .map(f -> f.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        this.idSetKey = List.of(keys.idSet());
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

    PartialObjects partials() {
        return partials;
    }

    /** The names of this model's keys in the store's namespace. */
    public final ModelKeys keys() {
        return keys;
    }

    /**
     * Inserts or replaces the object and moves its index entries, in one script. A numeric id
     * left null is assigned by the server; a String or UUID id left null gets a random UUID. An
     * object loaded with {@link Query#loadOnly} keeps the stored values of the fields it did not
     * load (see {@link #update}).
     *
     * @return the object with its id (and, for a model with {@code @Version}, its new version)
     * @throws UniqueViolationException if a unique value is held by another object; nothing is written
     * @throws OptimisticLockException if the model has a {@code @Version} and the stored one differs; nothing is written
     */
    public T save(T object) {
        WriteCall call = new WriteCall(store);
        ModelWrites<T, ID> writes = call.of(this);
        writes.save(object, partials.loadedFields(object));
        call.execute();
        return writes.saved().get(0);
    }

    /**
     * Saves every object, in scripts of at most {@link #BATCH_SIZE} objects. Each script is all
     * or nothing: a unique conflict, with Redis or with another object of the same script, writes
     * nothing of it. A batch that fits in one script is therefore all or nothing; a larger one is
     * written script by script, and a refusal after the first stops it with a
     * {@link PartialBatchException} that says how many objects were saved. For all or nothing at
     * any size, see {@link #saveAll(Collection, BatchMode)}.
     */
    public List<T> saveAll(Collection<? extends T> objects) {
        return saveAll(objects, BatchMode.CHUNKED);
    }

    /**
     * Saves every object. {@link BatchMode#CHUNKED} is {@link #saveAll(Collection)};
     * {@link BatchMode#ALL_OR_NOTHING} first claims every unique value of the batch (in bounded
     * scripts) and writes the objects only once every claim has succeeded, so that a unique
     * conflict anywhere in the batch writes no object at all.
     */
    public List<T> saveAll(Collection<? extends T> objects, BatchMode mode) {
        if (objects.isEmpty()) {
            return List.of();
        }
        List<T> all = List.copyOf(objects);
        if (all.size() > BATCH_SIZE) {
            requireDistinctIds(all);
            if (mode == BatchMode.ALL_OR_NOTHING) {
                return LargeBatch.saveAll(this, all);
            }
            if (IdReservation.mixesExplicitAndNewIds(this, all)) {
                // one script moves the counter past its explicit ids; across scripts the ids of
                // later chunks are not known yet, so every new object gets its id first
                all = IdReservation.withIds(this, all);
            }
        }
        return saveInChunks(all);
    }

    /**
     * Saves the objects in scripts of at most {@link #BATCH_SIZE}, each all or nothing; a refusal
     * after the first script is a {@link PartialBatchException}.
     */
    final List<T> saveInChunks(List<T> all) {
        List<T> saved = new ArrayList<>(all.size());
        for (List<? extends T> chunk : chunks(all)) {
            WriteCall call = new WriteCall(store);
            ModelWrites<T, ID> writes = call.of(this);
            for (T object : chunk) {
                writes.save(object, partials.loadedFields(object));
            }
            try {
                call.execute();
            } catch (RedaoException e) {
                throw saved.isEmpty() ? e : new PartialBatchException(schema.name(), "saved", saved.size(), e);
            }
            saved.addAll(writes.saved());
        }
        return saved;
    }

    /** A batch split over scripts is refused before the first one if it names one id twice. */
    private void requireDistinctIds(List<T> objects) {
        Set<ID> ids = new HashSet<>();
        for (T object : objects) {
            ID id = idOf(object);
            if (id != null && !ids.add(id)) {
                throw new IllegalArgumentException("the batch saves " + schema.name() + " id " + id
                        + " twice: save each object once per call");
            }
        }
    }

    /**
     * Writes only the named fields of a stored object, without reading or rewriting the others,
     * and moves their index and unique entries: python-stdnet's "update" save. Fields not named
     * keep their stored values; a named field that is null is removed. A {@code @Version} field is
     * always checked and advanced.
     *
     * @param object carries the id and the new values of the named fields; its other fields are ignored
     * @return the object with its new version (the same object when the model has no version)
     * @throws MissingObjectException if no object has that id; nothing is written
     */
    @SafeVarargs
    public final T update(T object, Field<T>... fields) {
        WriteCall call = new WriteCall(store);
        ModelWrites<T, ID> writes = call.of(this);
        writes.save(object, fieldMask(fields));
        call.execute();
        return writes.saved().get(0);
    }

    /** The positions of {@code fields}, checked to be this model's. */
    final boolean[] fieldMask(Field<T>[] fields) {
        boolean[] mask = new boolean[schema.fields().size()];
        for (Field<T> f : fields) {
            if (f.position <= 0 || f.position >= mask.length || !schema.fields().get(f.position).equals(f.name())) {
                throw new IllegalArgumentException(f.name() + " is not a field of " + schema.name() + " that can be written");
            }
            mask[f.position] = true;
        }
        return mask;
    }

    static <E> List<List<E>> chunks(List<E> all) {
        List<List<E>> out = new ArrayList<>((all.size() + BATCH_SIZE - 1) / BATCH_SIZE);
        for (int i = 0; i < all.size(); i += BATCH_SIZE) {
            out.add(all.subList(i, Math.min(all.size(), i + BATCH_SIZE)));
        }
        return out;
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

    /**
     * Deletes every object of {@code ids}, in scripts of at most {@link #BATCH_SIZE} ids; returns
     * how many existed. A delete is refused only when a key holds data Redao did not write; a
     * refusal after the first script stops the batch with a {@link PartialBatchException}.
     */
    public long deleteAll(Collection<? extends ID> ids) {
        long deleted = 0;
        int done = 0;
        for (List<? extends ID> chunk : chunks(List.copyOf(new LinkedHashSet<ID>(ids)))) {
            WriteCall call = new WriteCall(store);
            ModelWrites<T, ID> writes = call.of(this);
            chunk.forEach(writes::delete);
            try {
                call.execute();
            } catch (RedaoException e) {
                throw done == 0 ? e : new PartialBatchException(schema.name(), "deleted", done, e);
            }
            deleted += writes.deleted();
            done += chunk.size();
        }
        return deleted;
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

    /** Whether deleting this model's objects touches other objects (a reference that is not KEEP). */
    final boolean deletesFollowReferences() {
        return schema.referencedBy().stream().anyMatch(r -> r.onDelete() != OnDelete.KEEP);
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
            T object = read(row(values));
            if (positions != null) {
                boolean[] loaded = new boolean[fieldNames.length];
                for (int p : positions) {
                    loaded[p] = true;
                }
                partials.remember(object, loaded);
            }
            out.add(object);
        }
        return out;
    }

    private Row row(List<byte[]> values) {
        return new Row(schema, keys.base(), store.json(), values);
    }

}
