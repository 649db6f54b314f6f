package dev.redao.runtime.internal;

import dev.redao.annotations.OnDelete;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.PartialBatchException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.query.Field;
import dev.redao.runtime.query.Query;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link ModelDao} does, written once for every model: the DAO is its public face, and
 * transactions, queries, statistics and the key mover reach the same operations here.
 *
 * @param <T> the model
 * @param <ID> its id type
 */
public final class ModelEngine<T, ID> {
    private final StoreConnection connection;
    private final ModelSchema<ID> schema;
    private final ModelMapping<T, ID> mapping;
    private final ModelKeys keys;
    private final byte[][] fieldNames;
    private final List<byte[]> idSetKey;
    private final PartialObjects partials = new PartialObjects();

    public ModelEngine(StoreConnection connection, ModelSchema<ID> schema, ModelMapping<T, ID> mapping) {
        this.connection = connection;
        this.schema = schema;
        this.mapping = mapping;
        this.keys = new ModelKeys(connection.namespace(), schema.group(), schema.name());
        this.fieldNames = schema.fields().stream()
                .map(f -> f.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        this.idSetKey = List.of(keys.idSet());
    }

    public StoreConnection connection() {
        return connection;
    }

    public ModelSchema<ID> schema() {
        return schema;
    }

    /** The names of this model's keys in the store's namespace. */
    public ModelKeys keys() {
        return keys;
    }

    /** The fields {@code object} was loaded with ({@link Query#loadOnly}), by position; null for a whole object. */
    public boolean[] loadedFields(T object) {
        return partials.loadedFields(object);
    }

    /** After a save: the saved object holds what the original held. */
    void copyLoadedFields(T original, T saved) {
        partials.copy(original, saved);
    }

    public ID idOf(T object) {
        return mapping.idOf(object);
    }

    T withId(T object, ID id) {
        return mapping.withId(object, id);
    }

    T withVersion(T object, long version) {
        return mapping.withVersion(object, version);
    }

    void write(T object, FieldWriter out) {
        mapping.write(object, out);
    }

    /** {@link ModelDao#save}. */
    public T save(T object) {
        WriteCall call = new WriteCall(connection);
        ModelWrites<T, ID> writes = call.of(this);
        writes.save(object, partials.loadedFields(object));
        call.execute();
        return writes.saved().get(0);
    }

    /** {@link ModelDao#saveAll(Collection, BatchMode)}. */
    public List<T> saveAll(Collection<? extends T> objects, BatchMode mode) {
        if (objects.isEmpty()) {
            return List.of();
        }
        List<T> all = List.copyOf(objects);
        if (all.size() > ModelDao.BATCH_SIZE) {
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
     * Saves the objects in scripts of at most {@link ModelDao#BATCH_SIZE}, each all or nothing; a
     * refusal after the first script is a {@link PartialBatchException}.
     */
    List<T> saveInChunks(List<T> all) {
        List<T> saved = new ArrayList<>(all.size());
        for (List<? extends T> chunk : chunks(all)) {
            WriteCall call = new WriteCall(connection);
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

    /** {@link ModelDao#update}: writes the fields of {@code mask} (see {@link #fieldMask}). */
    public T update(T object, boolean[] mask) {
        WriteCall call = new WriteCall(connection);
        ModelWrites<T, ID> writes = call.of(this);
        writes.save(object, mask);
        call.execute();
        return writes.saved().get(0);
    }

    /** The positions of {@code fields}, checked to be this model's. */
    public boolean[] fieldMask(Field<T>[] fields) {
        boolean[] mask = new boolean[schema.fields().size()];
        for (Field<T> f : fields) {
            int position = SharedSecrets.query().position(f);
            if (position <= 0 || position >= mask.length || !schema.fields().get(position).equals(f.name())) {
                throw new IllegalArgumentException(f.name() + " is not a field of " + schema.name() + " that can be written");
            }
            mask[position] = true;
        }
        return mask;
    }

    static <E> List<List<E>> chunks(List<E> all) {
        int size = ModelDao.BATCH_SIZE;
        List<List<E>> out = new ArrayList<>((all.size() + size - 1) / size);
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    /** {@link ModelDao#get}: one HMGET. */
    public Optional<T> get(ID id) {
        byte[] key = keys.object(schema.idType().encodeBytes(id));
        List<byte[]> values = connection.execute(jedis -> jedis.hmget(key, fieldNames), key);
        return Optional.ofNullable(values.get(0) == null ? null : mapping.read(row(values)));
    }

    /** {@link ModelDao#getAll}: one script. */
    public List<T> getAll(Collection<? extends ID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<byte[]> args = new ArrayList<>(ids.size());
        for (ID id : ids) {
            args.add(schema.idType().encodeBytes(id));
        }
        List<?> rows = (List<?>) connection.eval(schema.load(), idSetKey, args);
        return readRows(rows, null);
    }

    /** {@link ModelDao#exists}: one SISMEMBER (ZSCORE for an ordered model). */
    public boolean exists(ID id) {
        byte[] member = schema.idType().encodeBytes(id);
        if (schema.ordered()) {
            return connection.execute(jedis -> jedis.zscore(keys.idSet(), member), keys.idSet()) != null;
        }
        return connection.execute(jedis -> jedis.sismember(keys.idSet(), member), keys.idSet());
    }

    /** {@link ModelDao#count}: one SCARD (ZCARD for an ordered model). */
    public long count() {
        return connection.execute(jedis -> schema.ordered() ? jedis.zcard(keys.idSet()) : jedis.scard(keys.idSet()), keys.idSet());
    }

    /** {@link ModelDao#deleteAll}: scripts of at most {@link ModelDao#BATCH_SIZE} ids; how many existed. */
    public long deleteAll(Collection<? extends ID> ids) {
        long deleted = 0;
        int done = 0;
        for (List<? extends ID> chunk : chunks(List.copyOf(new LinkedHashSet<ID>(ids)))) {
            WriteCall call = new WriteCall(connection);
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

    /** The name of the object's hash, as keyspace notifications name it. */
    public String objectKey(ID id) {
        return new String(keys.object(schema.idType().encodeBytes(id)), StandardCharsets.UTF_8);
    }

    /** The object holding a unique value, in one script. */
    public Optional<T> getByUnique(String field, byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        List<byte[]> args = List.of(field.getBytes(StandardCharsets.UTF_8), value);
        Object reply = connection.eval(schema.loadByUnique(), idSetKey, args);
        if (reply == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<byte[]> values = (List<byte[]>) reply;
        return Optional.ofNullable(values.get(0) == null ? null : mapping.read(row(values)));
    }

    /** Whether deleting this model's objects touches other objects (a reference that is not KEEP). */
    public boolean deletesFollowReferences() {
        return schema.referencedBy().stream().anyMatch(r -> r.onDelete() != OnDelete.KEEP);
    }

    /**
     * Runs the model's query script with a query's arguments.
     *
     * @param writes whether the operation deletes what it finds (so a {@code wait} applies)
     */
    public Object runQuery(List<byte[]> args, boolean writes) {
        return connection.eval(schema.query(), idSetKey, args, writes);
    }

    /**
     * Rows of a load script, skipping objects that do not exist. With {@code positions}, row
     * element i holds stored field {@code positions[i]} (element 0 is the id) and the other fields
     * read as missing.
     */
    public List<T> readRows(List<?> rows, int[] positions) {
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
            T object = mapping.read(row(values));
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
        return new Row(schema, keys.base(), connection.json(), values);
    }
}
