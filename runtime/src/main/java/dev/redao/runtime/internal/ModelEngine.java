package dev.redao.runtime.internal;

import dev.redao.annotations.OnDelete;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.PartialBatchException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.ReindexIncompleteException;
import dev.redao.runtime.SchemaChangedException;
import dev.redao.runtime.SchemaChanges;
import dev.redao.runtime.audit.AuditReport;
import dev.redao.runtime.metrics.Operation;
import dev.redao.runtime.query.Field;
import dev.redao.runtime.query.Query;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What a {@link ModelDao} does, written once for every model: the DAO is its public face, and
 * transactions, queries, statistics and the key mover reach the same operations here.
 *
 * @param <T> the model
 * @param <ID> its id type
 */
public final class ModelEngine<T, ID> {
    /** The operations of the expiry script (see expire.lua). */
    private static final byte[] EXPIRE = Codecs.encode("expire");
    private static final byte[] PERSIST = Codecs.encode("persist");
    private static final byte[] TIME_TO_LIVE = Codecs.encode("ttl");

    private final StoreConnection connection;
    private final ModelSchema<ID> schema;
    private final ModelMapping<T, ID> mapping;
    /** The keys of each partition: one for a model that is not partitioned. */
    private final ModelKeys[] partitionKeys;
    private final byte[][] fieldNames;
    /** Per partition, its id set: the load and query scripts' KEYS. */
    private final List<List<byte[]>> idSetKeys;
    /** The partition of the next new object with a server-assigned id, round robin. */
    private final AtomicInteger nextPartition = new AtomicInteger();
    /** A partitioned model's unique values, claimed around each write; null for other models. */
    private final PartitionedUniques<T, ID> uniques;
    private final PartialObjects partials = new PartialObjects();
    /** Whether the model's stored schema was read and found to be the DAO's, or none ({@link #checkSchema}). */
    private volatile boolean schemaChecked;
    /** Whether the model's schema is stored: until then, the DAO's first write that succeeds records its own. */
    private volatile boolean schemaStored;
    /** The store's, or null when it reports to no observer: then each operation tests this and no more. */
    private final Metrics metrics;

    public ModelEngine(StoreConnection connection, ModelSchema<ID> schema, ModelMapping<T, ID> mapping) {
        this.connection = connection;
        this.schema = schema;
        this.mapping = mapping;
        this.partitionKeys = new ModelKeys[schema.partitions()];
        if (schema.partitioned()) {
            for (int p = 0; p < partitionKeys.length; p++) {
                partitionKeys[p] = ModelKeys.partition(connection.namespace(), schema.name(), p, partitionKeys.length);
            }
        } else {
            partitionKeys[0] = new ModelKeys(connection.namespace(), schema.group(), schema.name());
        }
        this.fieldNames = schema.fields().stream()
                .map(f -> f.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        this.idSetKeys = Arrays.stream(partitionKeys).map(k -> List.of(k.idSet())).toList();
        boolean claimsUnique = schema.partitioned() && schema.stored().stream().anyMatch(ModelSchema.StoredField::unique);
        this.uniques = claimsUnique ? new PartitionedUniques<>(this) : null;
        this.metrics = connection.metrics();
    }

    public StoreConnection connection() {
        return connection;
    }

    public ModelSchema<ID> schema() {
        return schema;
    }

    /**
     * The names of this model's keys in the store's namespace.
     *
     * @throws IllegalStateException for a partitioned model, whose keys depend on the partition
     *     (see {@link #keys(int)})
     */
    public ModelKeys keys() {
        if (schema.partitioned()) {
            throw new IllegalStateException(schema.name() + " is partitioned: its keys are per partition");
        }
        return partitionKeys[0];
    }

    /** The keys of partition {@code p} (0 for a model that is not partitioned). */
    public ModelKeys keys(int p) {
        return partitionKeys[p];
    }

    /** How many partitions the model has: 1 unless it is partitioned. */
    public int partitions() {
        return partitionKeys.length;
    }

    /** The partition that holds the object with this id. */
    public int partitionOf(ID id) {
        return schema.partitioned() ? schema.idType().partitionOf(id, partitionKeys.length) : 0;
    }

    /** The partition for a new object whose id the server assigns: each in turn. */
    int nextPartition() {
        return Math.floorMod(nextPartition.getAndIncrement(), partitionKeys.length);
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

    /**
     * The object's stored fields, as the generated code hands them to {@link FieldWriter},
     * checked as a save needs them: its id can be stored, its version is not negative. Text that
     * has no UTF-8 form is refused by {@link Codecs}, which does not know the field: this names
     * the model, the field and the id.
     */
    FieldWriter encode(T object) {
        ID id = idOf(object);
        if (id != null) {
            schema.idType().check(id);
        }
        FieldWriter out = new FieldWriter(schema, connection.json());
        try {
            mapping.write(object, out);
        } catch (InvalidArgumentException e) {
            int field = out.fieldBeingEncoded();
            if (!e.argument().equals(Codecs.UNNAMED_VALUE) || field >= schema.fields().size()) {
                throw e; // FieldWriter's own refusal (NaN, JSON), which names the field already
            }
            throw new InvalidArgumentException("object", "cannot save model '" + schema.name() + "' "
                    + (id == null ? "(a new object)" : "id '" + Codecs.printable(id.toString()) + "'") + ": field '"
                    + schema.fields().get(field) + "' is " + e.getMessage());
        }
        int version = schema.versionField();
        if (version > 0 && out.values[version] != null && out.values[version][0] == '-') {
            throw new InvalidArgumentException("object", schema.name() + "." + schema.fields().get(version)
                    + " is a version and cannot be negative");
        }
        return out;
    }

    /**
     * Encodes every object of a batch that takes more than one script, or that reserves ids
     * before its first, so that bad input anywhere in it is refused before anything is sent.
     */
    private void requireStorable(List<T> objects) {
        for (T object : objects) {
            encode(object);
        }
    }

    /**
     * Before the DAO's first call that reads or writes objects: reads the model's stored schema
     * and, when it differs, refuses the call or re-indexes, as the store's {@link SchemaChanges}
     * says (docs/schema.md). One round trip (a read), once per DAO; calls of other threads
     * meanwhile wait for it. When no schema is stored, the DAO's first write records its own
     * ({@link #wrote}), so a refused call leaves Redis as it was.
     *
     * @throws SchemaChangedException if the stored schema differs and is not re-indexed
     * @throws ReindexIncompleteException if the re-index left problems it cannot fix (the schema
     *     is recorded, and the next call goes on)
     */
    public void checkSchema() {
        if (!schemaChecked) {
            checkSchemaNow();
        }
    }

    private synchronized void checkSchemaNow() {
        if (schemaChecked) {
            return;
        }
        StoredSchema stored = StoredSchema.read(this);
        if (stored == null || stored.compatibleWith(schema.layout())) {
            // a compatible schema is left as stored: recording it would only make two versions
            // of an application that run side by side record theirs in turn
            schemaStored = stored != null;
            schemaChecked = true;
            return;
        }
        if (connection.schemaChanges() == SchemaChanges.REFUSE || !stored.reindexableTo(schema.layout())) {
            throw stored.refusal(schema.name(), schema.layout(), connection.schemaChanges());
        }
        Reindexed reindexed = reindexFrom(stored);
        if (reindexed.report().totalNotRepaired() > 0) {
            throw new ReindexIncompleteException(reindexed.report(), reindexed.version());
        }
    }

    /**
     * {@link ModelDao#reindex}: repairs the model under the DAO's schema, then records that
     * schema as the next version, whatever the store's {@link SchemaChanges}.
     */
    public synchronized AuditReport reindex() {
        StoredSchema stored = StoredSchema.recorded(this);
        if (!stored.reindexableTo(schema.layout())) {
            throw stored.refusal(schema.name(), schema.layout(), SchemaChanges.REFUSE);
        }
        return reindexFrom(stored).report();
    }

    /** A re-index's report, and the schema version it recorded. */
    private record Reindexed(AuditReport report, long version) {}

    /** {@link ModelDao#schemaVersion}. */
    public long storedSchemaVersion() {
        long version = StoredSchema.recorded(this).version();
        schemaStored = true;
        return version;
    }

    /**
     * After a write of the model that succeeded: records the DAO's schema if none was stored when
     * the DAO read it (one round trip, once). A failure to record is left for the next write to
     * retry: the write itself happened.
     */
    public void wrote() {
        if (schemaStored) {
            return;
        }
        try {
            StoredSchema.recorded(this);
            schemaStored = true;
        } catch (RedaoException e) {
            // the server refused the record (out of memory, read-only, ...): the next write tries again
        }
    }

    /**
     * Records the DAO's schema first, so that DAOs of the same schema that start meanwhile go on
     * and write every entry of the objects they touch, then repairs the objects written before.
     */
    private Reindexed reindexFrom(StoredSchema stored) {
        StoredSchema now = StoredSchema.begin(this, stored.layout());
        if (!now.layout().equals(schema.layout())) {
            throw now.refusal(schema.name(), schema.layout(), SchemaChanges.REINDEX);
        }
        schemaChecked = true;
        schemaStored = true;
        AuditReport report = ModelAudit.repair(this);
        StoredSchema.done(this);
        return new Reindexed(report, now.version());
    }

    /** What reports this model's operations to the store's observer; null for none. */
    public Metrics metrics() {
        return metrics;
    }

    /** {@link ModelDao#save}. */
    public T save(T object) {
        return metrics == null ? saveNow(object) : metrics.time(schema.name(), Operation.SAVE, () -> saveNow(object));
    }

    /** {@link ModelDao#save(Object, Duration)}: the save of an expiring model's object with its own time to live. */
    public T save(T object, Duration ttl) {
        return metrics == null ? saveNow(object, ttl) : metrics.time(schema.name(), Operation.SAVE, () -> saveNow(object, ttl));
    }

    private T saveNow(T object, Duration ttl) {
        return saveOne(object, partials.loadedFields(object), ttl);
    }

    /** One object's save in one write call: the fields of {@code mask} (null for all), its expiry (null for the model's). */
    private T saveOne(T object, boolean[] mask, Duration ttl) {
        WriteCall call = new WriteCall(connection);
        ModelWrites<T, ID> writes = call.of(this);
        writes.save(object, mask, ttl);
        call.execute();
        return writes.saved().get(0);
    }

    // ---- asynchronous calls that are one script or one command: no thread waits for their replies

    /**
     * {@link #save(Object)} (or, with {@code ttl}, {@link #save(Object, Duration)}) with no thread
     * waiting for its reply (see {@link PipelinedFuture}), or null, having sent nothing, when the
     * save is more than one script (a partitioned model's claims of unique values) or the store
     * does not pipeline it.
     *
     * @param ttl the object's time to live, null for the model's
     * @param threads the store's threads, which lead pipelines and complete calls when no caller does
     * @param settled run once the call has ended, before its future completes
     */
    public PipelinedFuture<T> saveLater(T object, Duration ttl, Executor threads, Runnable settled) {
        return writeOneLater(object, partials.loadedFields(object), ttl, threads, settled);
    }

    /** {@link #update} as {@link #saveLater} runs a save; null as there. */
    public PipelinedFuture<T> updateLater(T object, boolean[] mask, Executor threads, Runnable settled) {
        return writeOneLater(object, mask, null, threads, settled);
    }

    /** {@link #saveOne} with no thread waiting for its reply; null as for {@link #saveLater}. */
    private PipelinedFuture<T> writeOneLater(T object, boolean[] mask, Duration ttl, Executor threads, Runnable settled) {
        if (uniques != null || !connection.pipelinesWrites()) {
            return null;
        }
        PipelinedFuture<T> future = new PipelinedFuture<>(threads, settled, metrics, schema.name(), Operation.SAVE);
        try {
            WriteCall call = new WriteCall(connection);
            ModelWrites<T, ID> writes = call.of(this);
            writes.save(object, mask, ttl);
            call.executeLater(future, () -> writes.saved().get(0));
        } catch (RuntimeException refused) { // before anything was sent
            future.fail(refused);
        }
        return future;
    }

    /** {@link #get} as {@link #saveLater} runs a save; null for an expiring model (its deadline is read by a script). */
    public PipelinedFuture<Optional<T>> getLater(ID id, Executor threads, Runnable settled) {
        if (schema.expiring() || !connection.pipelinesReads()) {
            return null;
        }
        byte[] idBytes = schema.idType().encodeBytes(id);
        byte[] key = partitionKeys[partitionOf(id)].object(idBytes);
        return readLater(connection.commands().hmget(key, fieldNames), key, threads, settled,
                values -> found(checked(key, idBytes, values)));
    }

    /** {@link #exists} as {@link #getLater} runs a get; null as there. */
    public PipelinedFuture<Boolean> existsLater(ID id, Executor threads, Runnable settled) {
        if (schema.expiring() || !connection.pipelinesReads()) {
            return null;
        }
        byte[] member = schema.idType().encodeBytes(id);
        byte[] idSet = partitionKeys[partitionOf(id)].idSet();
        if (schema.ordered()) {
            return readLater(connection.commands().zscore(idSet, member), idSet, threads, settled, Objects::nonNull);
        }
        return readLater(connection.commands().sismember(idSet, member), idSet, threads, settled, Function.identity());
    }

    /** {@link #count} as {@link #getLater} runs a get; null also for a partitioned model (a command per partition). */
    public PipelinedFuture<Long> countLater(Executor threads, Runnable settled) {
        if (schema.expiring() || schema.partitioned() || !connection.pipelinesReads()) {
            return null;
        }
        byte[] idSet = partitionKeys[0].idSet();
        return readLater(schema.ordered() ? connection.commands().zcard(idSet) : connection.commands().scard(idSet), idSet,
                threads, settled, Function.identity());
    }

    /**
     * {@link #getAll} as {@link #getLater} runs a get: the load script; null also for a
     * partitioned model (a script per partition named).
     */
    public PipelinedFuture<List<T>> getAllLater(Collection<? extends ID> ids, Executor threads, Runnable settled) {
        if (ids.isEmpty()) {
            return knownLater(List.of(), threads, settled);
        }
        if (schema.partitioned() || !connection.pipelines(schema.load())) {
            return null;
        }
        return scriptLater(schema.load(), encoded(ids), Operation.GET, threads, settled, rows -> readRows((List<?>) rows, null));
    }

    /**
     * {@link #runQuery} in a model that is not partitioned, with no thread waiting for its reply:
     * {@code result} turns the reply into the query's result. Null, having sent nothing, when the
     * store does not pipeline the script.
     */
    public <R> PipelinedFuture<R> queryLater(List<byte[]> args, boolean writes, Executor threads, Runnable settled,
            Function<Object, R> result) {
        Script script = writes ? schema.queryDelete() : schema.query();
        if (!connection.pipelines(script)) {
            return null;
        }
        return scriptLater(script, args, Operation.QUERY, threads, settled, result);
    }

    /** Queues {@code script} on the model's id set (a model that is not partitioned), as {@link #readLater} queues a command. */
    private <R> PipelinedFuture<R> scriptLater(Script script, List<byte[]> args, Operation operation, Executor threads,
            Runnable settled, Function<Object, R> result) {
        PipelinedFuture<R> future = new PipelinedFuture<>(threads, settled, metrics, schema.name(), operation);
        try {
            connection.evalLater(script, idSetKeys.get(0), args, future, completion(future, result));
        } catch (RuntimeException refused) {
            future.fail(refused);
        }
        return future;
    }

    /** The future of a call whose result is known without asking Redis (no ids, a query that matches nothing). */
    public <R> PipelinedFuture<R> knownLater(R result, Executor threads, Runnable settled) {
        PipelinedFuture<R> future = new PipelinedFuture<>(threads, settled, null, schema.name(), Operation.GET);
        future.succeed(result);
        return future;
    }

    /**
     * Queues one direct read on {@code key} with no thread waiting for its reply: the thread that
     * reads the reply turns it into the result with {@code result} (which may throw the call's
     * typed error) and completes the future. Reported as a get, as the blocking reads are.
     */
    private <V, R> PipelinedFuture<R> readLater(CommandObject<V> command, byte[] key, Executor threads, Runnable settled,
            Function<V, R> result) {
        PipelinedFuture<R> future = new PipelinedFuture<>(threads, settled, metrics, schema.name(), Operation.GET);
        try {
            connection.commandLater(command, key, schema.name(), future, completion(future, result));
        } catch (RuntimeException refused) {
            future.fail(refused);
        }
        return future;
    }

    /** Completes {@code future} with the reply turned into the result by {@code result} (which may throw the call's typed error), or with the failure. */
    private static <V, R> AutoPipeline.Completion completion(PipelinedFuture<R> future, Function<V, R> result) {
        return (reply, failure) -> {
            if (failure != null) {
                future.fail(failure);
                return;
            }
            R value;
            try {
                @SuppressWarnings("unchecked")
                V typed = (V) reply;
                value = result.apply(typed);
            } catch (RuntimeException e) {
                future.fail(e);
                return;
            }
            future.succeed(value);
        };
    }

    /** {@link ModelDao#delete} as {@link #saveLater} runs a save; null as there. */
    public PipelinedFuture<Boolean> deleteLater(ID id, Executor threads, Runnable settled) {
        if (uniques != null || !connection.pipelinesWrites()) {
            return null;
        }
        PipelinedFuture<Boolean> future = new PipelinedFuture<>(threads, settled, metrics, schema.name(), Operation.DELETE);
        try {
            schema.idType().check(id);
            WriteCall call = new WriteCall(connection);
            ModelWrites<T, ID> writes = call.of(this);
            writes.delete(id);
            call.executeLater(future, () -> writes.deleted() == 1);
        } catch (RuntimeException refused) {
            future.fail(refused);
        }
        return future;
    }

    /**
     * {@link ModelDao#expire} and {@link ModelDao#persist}: sets (or, for {@link Duration#ZERO},
     * drops) a live object's deadline in one script; whether there was such an object.
     */
    public boolean expire(ID id, Duration ttl) {
        return metrics == null ? expireNow(id, ttl) : metrics.time(schema.name(), Operation.SAVE, () -> expireNow(id, ttl));
    }

    private boolean expireNow(ID id, Duration ttl) {
        requireExpiring("expire");
        long millis = Expiry.millis(schema.name(), ttl);
        List<byte[]> args = new ArrayList<>(3);
        args.add(ttl.isZero() ? PERSIST : EXPIRE);
        args.add(schema.idType().encodeBytes(id));
        if (!ttl.isZero()) {
            args.add(Codecs.encode(millis));
        }
        boolean expired = (Long) connection.eval(schema.expire(), idSetKeys.get(partitionOf(id)), args) == 1L;
        wrote();
        return expired;
    }

    /** {@link ModelDao#timeToLive}: what a live object has left; empty for no object, {@link Duration#ZERO} for no deadline. */
    public Optional<Duration> timeToLive(ID id) {
        return metrics == null ? timeToLiveNow(id) : metrics.time(schema.name(), Operation.GET, () -> timeToLiveNow(id));
    }

    private Optional<Duration> timeToLiveNow(ID id) {
        requireExpiring("timeToLive");
        List<byte[]> args = List.of(TIME_TO_LIVE, schema.idType().encodeBytes(id));
        long left = (Long) connection.eval(schema.timeToLive(), idSetKeys.get(partitionOf(id)), args);
        if (left == -2) {
            return Optional.empty();
        }
        return Optional.of(left == -1 ? Duration.ZERO : Duration.ofMillis(Math.max(left, 1)));
    }

    /**
     * {@link ModelDao#purgeExpired}: deletes the objects past their deadline, {@link WriteScripts#PURGED_PER_CALL}
     * to a script, until a script finds fewer, partition by partition; how many it deleted.
     */
    public long purgeExpired() {
        return metrics == null ? purgeExpiredNow() : metrics.time(schema.name(), Operation.DELETE, this::purgeExpiredNow);
    }

    private long purgeExpiredNow() {
        requireExpiring("purgeExpired");
        long total = 0;
        for (int p = 0; p < partitionKeys.length; p++) {
            while (true) {
                WriteCall call = new WriteCall(connection);
                ModelWrites<T, ID> writes = call.of(this);
                writes.inPartition(p);
                writes.purgeOnly();
                call.execute();
                total += writes.purged();
                if (writes.purged() < WriteScripts.PURGED_PER_CALL) {
                    break;
                }
            }
        }
        return total;
    }

    private void requireExpiring(String operation) {
        if (!schema.expiring()) {
            throw new InvalidArgumentException("id", schema.name() + " objects do not expire, so " + operation
                    + " has nothing to do: give the model @Model(ttl = \"...\") or @Model(expiring = true)");
        }
    }

    private T saveNow(T object) {
        if (uniques != null) {
            return uniques.save(object, partials.loadedFields(object));
        }
        return saveOne(object, partials.loadedFields(object), null);
    }

    /** {@link ModelDao#saveAll(Collection, BatchMode)}. */
    public List<T> saveAll(Collection<? extends T> objects, BatchMode mode) {
        return metrics == null ? saveAllNow(objects, mode)
                : metrics.time(schema.name(), Operation.BATCH, () -> saveAllNow(objects, mode));
    }

    private List<T> saveAllNow(Collection<? extends T> objects, BatchMode mode) {
        if (objects.isEmpty()) {
            return List.of();
        }
        List<T> all = List.copyOf(objects);
        // below, each path refuses bad input before it sends anything: saveInChunks encodes
        // every chunk before the first goes; the others write (or reserve ids) in steps of their own
        if (uniques != null) {
            requireStorable(all);
            return saveClaimingUniques(all, mode);
        }
        if (schema.partitioned()) {
            requireStorable(all);
            return savePartitioned(all, mode);
        }
        if (all.size() > ModelDao.BATCH_SIZE) {
            requireDistinctIds(all);
            if (mode == BatchMode.ALL_OR_NOTHING) {
                requireStorable(all);
                return LargeBatch.saveAll(this, all);
            }
            if (IdReservation.mixesExplicitAndNewIds(this, all)) {
                // one script moves the counter past its explicit ids; across scripts the ids of
                // later chunks are not known yet, so every new object gets its id first
                requireStorable(all);
                all = IdReservation.withIds(this, all);
            }
        }
        return saveInChunks(all, 0);
    }

    /**
     * A batch of a partitioned model with unique fields: its values claimed in their partitions
     * around the objects' writes, the protocol's steps taken for the whole batch at once (see
     * {@link PartitionedUniques#saveAll}); the objects before the first refused one are saved, as
     * one by one, and a refusal after the first is a {@link PartialBatchException}. All or nothing
     * holds for one object.
     */
    private List<T> saveClaimingUniques(List<T> all, BatchMode mode) {
        if (mode == BatchMode.ALL_OR_NOTHING && all.size() > 1) {
            throw new CrossSlotException("an all-or-nothing saveAll of " + all.size() + " " + schema.name()
                    + " objects: " + schema.name() + " is partitioned and has unique fields, whose values are claimed"
                    + " in their own partitions around the objects' writes; save them CHUNKED");
        }
        requireDistinctIds(all);
        return uniques.saveAll(all);
    }

    /**
     * A partitioned model's batch: each partition's objects in scripts of their own (see
     * {@link #saveInChunks}), the results in the order given. All or nothing holds for a batch
     * that one script writes: one partition, at most {@link ModelDao#BATCH_SIZE} objects.
     */
    private List<T> savePartitioned(List<T> all, BatchMode mode) {
        requireDistinctIds(all);
        Map<Integer, List<Integer>> positions = new TreeMap<>();
        List<T> prepared = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            T object = all.get(i);
            ID id = idOf(object);
            if (id == null && !schema.idType().assignedByServer()) {
                object = withId(object, schema.idType().newId());
                id = idOf(object);
            }
            prepared.add(object);
            positions.computeIfAbsent(id == null ? nextPartition() : partitionOf(id), p -> new ArrayList<>()).add(i);
        }
        if (mode == BatchMode.ALL_OR_NOTHING && (positions.size() > 1 || all.size() > ModelDao.BATCH_SIZE)) {
            throw new CrossSlotException("an all-or-nothing saveAll of " + all.size() + " " + schema.name() + " objects in "
                    + positions.size() + " partitions: " + schema.name() + " is partitioned, and one script writes one"
                    + " partition, up to " + ModelDao.BATCH_SIZE + " objects; save them CHUNKED");
        }
        List<T> saved = new ArrayList<>(all);
        int done = 0;
        for (Map.Entry<Integer, List<Integer>> partition : positions.entrySet()) {
            List<T> objects = new ArrayList<>(partition.getValue().size());
            for (int i : partition.getValue()) {
                objects.add(prepared.get(i));
            }
            if (objects.size() > ModelDao.BATCH_SIZE && IdReservation.mixesExplicitAndNewIds(this, objects)) {
                objects = IdReservation.withIds(this, partition.getKey(), objects);
            }
            List<T> written;
            try {
                written = saveInChunks(objects, partition.getKey());
            } catch (PartialBatchException e) {
                throw done == 0 ? e : new PartialBatchException(schema.name(), "saved", done + e.written(), e.getCause());
            } catch (RedaoException e) {
                throw done == 0 ? e : new PartialBatchException(schema.name(), "saved", done, e);
            }
            for (int k = 0; k < written.size(); k++) {
                saved.set(partition.getValue().get(k), written.get(k));
            }
            done += written.size();
        }
        return saved;
    }

    /**
     * Saves the objects in scripts of at most {@link ModelDao#BATCH_SIZE}, each all or nothing; a
     * refusal after the first script is a {@link PartialBatchException}.
     *
     * @param partition the partition of every object, new ones included (0 for a model that is not partitioned)
     */
    List<T> saveInChunks(List<T> all, int partition) {
        // every chunk is prepared (encoded) before the first is sent: bad input writes nothing
        List<WriteCall> calls = new ArrayList<>();
        List<ModelWrites<T, ID>> chunkWrites = new ArrayList<>();
        for (List<? extends T> chunk : chunks(all)) {
            WriteCall call = new WriteCall(connection);
            ModelWrites<T, ID> writes = call.of(this);
            writes.inPartition(partition);
            for (T object : chunk) {
                writes.save(object, partials.loadedFields(object));
            }
            calls.add(call);
            chunkWrites.add(writes);
        }
        List<T> saved = new ArrayList<>(all.size());
        for (int i = 0; i < calls.size(); i++) {
            try {
                calls.get(i).execute();
            } catch (RedaoException e) {
                throw saved.isEmpty() ? e : new PartialBatchException(schema.name(), "saved", saved.size(), e);
            }
            saved.addAll(chunkWrites.get(i).saved());
        }
        return saved;
    }

    /** A batch split over scripts is refused before the first one if it names one id twice. */
    private void requireDistinctIds(List<T> objects) {
        Set<ID> ids = new HashSet<>();
        for (T object : objects) {
            ID id = idOf(object);
            if (id != null && !ids.add(id)) {
                throw new InvalidArgumentException("objects", "the batch saves " + schema.name() + " id " + id
                        + " twice: save each object once per call");
            }
        }
    }

    /** {@link ModelDao#update}: writes the fields of {@code mask} (see {@link #fieldMask}). */
    public T update(T object, boolean[] mask) {
        return metrics == null ? updateNow(object, mask)
                : metrics.time(schema.name(), Operation.SAVE, () -> updateNow(object, mask));
    }

    private T updateNow(T object, boolean[] mask) {
        if (uniques != null) {
            return uniques.save(object, mask);
        }
        return saveOne(object, mask, null);
    }

    /** The positions of {@code fields}, checked to be this model's. */
    public boolean[] fieldMask(Field<T>[] fields) {
        boolean[] mask = new boolean[schema.fields().size()];
        for (Field<T> f : fields) {
            int position = SharedSecrets.query().position(f);
            if (position <= 0 || position >= mask.length || !schema.fields().get(position).equals(f.name())) {
                throw new InvalidArgumentException("fields", f.name() + " is not a field of " + schema.name() + " that can be written");
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

    /** {@link ModelDao#get}: one HMGET, in the object's partition. */
    public Optional<T> get(ID id) {
        return metrics == null ? getNow(id) : metrics.time(schema.name(), Operation.GET, () -> getNow(id));
    }

    private Optional<T> getNow(ID id) {
        if (schema.expiring()) { // the deadline is read with the object, in the load script
            List<T> found = getAllNow(List.of(id));
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
        return found(storedFields(id));
    }

    /** The object whose stored fields these are, or empty for none. */
    private Optional<T> found(List<byte[]> values) {
        return Optional.ofNullable(values.get(0) == null ? null : mapping.read(row(values)));
    }

    private static final Script LOAD_WITH_STRUCTURES = Script.reading("structure.load", LuaSource.code("structure/common.lua", "structure/load.lua"));

    /**
     * {@link ModelDao#getWithStructures}: the object and the whole content of its structure fields,
     * in one script (an expiring model's object is first read as {@link #get} reads it, to honour
     * its deadline: one round trip more).
     */
    public Optional<T> getWithStructures(ID id) {
        if (schema.structures().isEmpty() || schema.expiring() && get(id).isEmpty()) {
            return schema.structures().isEmpty() ? get(id) : Optional.empty();
        }
        byte[] idBytes = schema.idType().encodeBytes(id);
        ModelKeys keys = partitionKeys[partitionOf(id)];
        List<byte[]> scriptKeys = new ArrayList<>();
        scriptKeys.add(keys.object(idBytes));
        List<byte[]> args = new ArrayList<>();
        args.add(Codecs.encode((long) fieldNames.length));
        args.addAll(Arrays.asList(fieldNames));
        for (int s = 0; s < schema.structures().size(); s++) {
            scriptKeys.add((keys.base() + ":st:" + schema.structures().get(s) + ":" + schema.idType().encode(id))
                    .getBytes(StandardCharsets.UTF_8));
            args.add(Codecs.encode(schema.structureKinds().get(s)));
        }
        List<?> reply = (List<?>) connection.eval(LOAD_WITH_STRUCTURES, scriptKeys, args);
        @SuppressWarnings("unchecked")
        List<byte[]> values = (List<byte[]>) reply.get(0);
        byte[] stored = values.get(0);
        if (stored != null ? !Arrays.equals(stored, idBytes) : values.stream().anyMatch(Objects::nonNull)) {
            throw corruptObject(scriptKeys.get(0), idBytes, stored);
        }
        return stored == null ? Optional.empty() : Optional.of(mapping.read(row(values).withStructures(reply.subList(1, reply.size()))));
    }

    /**
     * Every stored field of an object, the id first, read with one HMGET in its partition; all
     * null for no object.
     *
     * @throws CorruptDataException for a corrupt object: a hash whose id field names another id,
     *     or is missing while the hash holds fields of the model (as the scripts' corruption() says)
     */
    private List<byte[]> storedFields(ID id) {
        byte[] idBytes = schema.idType().encodeBytes(id);
        byte[] key = partitionKeys[partitionOf(id)].object(idBytes);
        return checked(key, idBytes, connection.command(connection.commands().hmget(key, fieldNames), key, schema.name()));
    }

    /** The object's stored fields as {@link #storedFields} reads them, unless they are corrupt. */
    private List<byte[]> checked(byte[] key, byte[] idBytes, List<byte[]> values) {
        byte[] stored = values.get(0);
        if (stored != null ? !Arrays.equals(stored, idBytes) : values.stream().anyMatch(Objects::nonNull)) {
            throw corruptObject(key, idBytes, stored);
        }
        return values;
    }

    /** The error of a corrupt object, worded as the scripts' corruption() words it. */
    private CorruptDataException corruptObject(byte[] key, byte[] id, byte[] stored) {
        String idName = schema.fields().get(0);
        String what = stored == null ? "has no field '" + idName + "' but holds fields of " + schema.name()
                : "holds '" + ModelWrites.utf8(stored) + "' in its field '" + idName + "'";
        String text = ModelWrites.utf8(id);
        return new CorruptDataException(schema.name() + " " + text + " is corrupt: its hash " + ModelWrites.utf8(key)
                + " " + what + "; delete " + text + " to remove it (other writes refuse it)");
    }

    /** {@link ModelDao#getAll}: one script per partition named, in the order asked. */
    public List<T> getAll(Collection<? extends ID> ids) {
        return metrics == null ? getAllNow(ids) : metrics.time(schema.name(), Operation.GET, () -> getAllNow(ids));
    }

    private List<T> getAllNow(Collection<? extends ID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        if (!schema.partitioned()) {
            List<?> rows = (List<?>) connection.eval(schema.load(), idSetKeys.get(0), encoded(ids));
            return readRows(rows, null);
        }
        return readRows(loadRows(encoded(ids)), null);
    }

    /**
     * The rows of these objects of a partitioned model, in the order given: one load script per
     * partition named, all in one pipeline (see {@link StoreConnection#evalEach}).
     */
    public List<?> loadRows(List<byte[]> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Integer, List<Integer>> byPartition = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byPartition.computeIfAbsent(partitionOf(schema.idType().decode(ids.get(i))), p -> new ArrayList<>()).add(i);
        }
        List<List<byte[]>> keys = new ArrayList<>();
        List<List<byte[]>> args = new ArrayList<>();
        byPartition.forEach((p, positions) -> {
            keys.add(idSetKeys.get(p));
            args.add(positions.stream().map(ids::get).toList());
        });
        Object[] rows = new Object[ids.size()];
        List<Object> replies = connection.evalEach(schema.load(), keys, args);
        int partition = 0;
        for (List<Integer> positions : byPartition.values()) {
            List<?> loaded = (List<?>) replies.get(partition++);
            for (int k = 0; k < positions.size(); k++) {
                rows[positions.get(k)] = loaded.get(k);
            }
        }
        return Arrays.asList(rows);
    }

    private List<byte[]> encoded(Collection<? extends ID> ids) {
        List<byte[]> out = new ArrayList<>(ids.size());
        for (ID id : ids) {
            out.add(schema.idType().encodeBytes(id));
        }
        return out;
    }

    /**
     * An id that a query found in partition {@code p} (0 for a model that is not partitioned),
     * decoded.
     *
     * @throws CorruptDataException for one that is no id of the model (written by hand): it came
     *     from the partition's id set or one of its indexes, which the error names
     */
    public ID decodeId(byte[] raw, int p) {
        try {
            return schema.idType().decode(raw);
        } catch (RuntimeException e) {
            throw new CorruptDataException(schema.name() + ": its id set " + ModelWrites.utf8(partitionKeys[p].idSet())
                    + " or an index under " + partitionKeys[p].base() + " holds '" + ModelWrites.utf8(raw)
                    + "', which is no id of " + schema.name() + " (" + e.getMessage() + ")");
        }
    }

    /** Whether the model's unique values are claimed around each write: a partitioned model with @Unique fields. */
    public boolean claimsUnique() {
        return uniques != null;
    }

    /** The object with this id if its field {@code f} holds {@code value}: one HMGET in its partition. */
    Optional<T> getIfHolds(ID id, int f, byte[] value) {
        List<byte[]> values = storedFields(id);
        if (values.get(0) == null || !Arrays.equals(values.get(f), value)) {
            return Optional.empty();
        }
        return Optional.of(mapping.read(row(values)));
    }

    /**
     * Whether the object with this id has {@code value} in its field {@code f}, whatever its other
     * fields hold: one HMGET in its partition.
     *
     * @throws CorruptDataException if the object is corrupt (see {@link #storedFields})
     */
    boolean holds(ID id, int f, byte[] value) {
        List<byte[]> values = storedFields(id);
        return values.get(0) != null && Arrays.equals(values.get(f), value);
    }

    /**
     * For each object, whether its field {@code fields[i]} holds {@code values.get(i)}, as
     * {@link #holds} reads it: one HMGET each in its partition, all in one pipeline (on a cluster,
     * each master's share at once), from the masters as the claim protocol needs.
     *
     * @throws CorruptDataException if an object is corrupt (see {@link #storedFields})
     */
    boolean[] holdEach(List<ID> ids, int[] fields, List<byte[]> values) {
        return holdEach(ids, fields, values, true);
    }

    /**
     * As {@link #holdEach(List, int[], List)}, but whether each hash holds the value as it is
     * stored, corrupt or not: what the settling of a unique value's release needs, which puts the
     * entry back for whichever hash holds the value (see unique/settle.lua).
     */
    boolean[] holdEachAsStored(List<ID> ids, int[] fields, List<byte[]> values) {
        return holdEach(ids, fields, values, false);
    }

    private boolean[] holdEach(List<ID> ids, int[] fields, List<byte[]> values, boolean strict) {
        boolean[] out = new boolean[ids.size()];
        if (strict && ids.size() <= 1) {
            for (int i = 0; i < ids.size(); i++) {
                out[i] = holds(ids.get(i), fields[i], values.get(i));
            }
            return out;
        }
        List<byte[]> idBytes = new ArrayList<>(ids.size());
        List<byte[]> keys = new ArrayList<>(ids.size());
        for (ID id : ids) {
            byte[] encoded = schema.idType().encodeBytes(id);
            idBytes.add(encoded);
            keys.add(partitionKeys[partitionOf(id)].object(encoded));
        }
        int i = -1;
        try (AbstractPipeline pipeline = connection.pipelined()) {
            List<Response<List<byte[]>>> replies = new ArrayList<>(ids.size());
            for (byte[] key : keys) {
                replies.add(pipeline.hmget(key, fieldNames));
            }
            pipeline.sync();
            for (i = 0; i < ids.size(); i++) {
                List<byte[]> got = replies.get(i).get(); // an object's error reply is thrown here
                byte[] stored = got.get(0);
                if (strict && (stored != null ? !Arrays.equals(stored, idBytes.get(i)) : got.stream().anyMatch(Objects::nonNull))) {
                    throw corruptObject(keys.get(i), idBytes.get(i), stored);
                }
                out[i] = (stored != null || !strict) && Arrays.equals(got.get(fields[i]), values.get(i));
            }
            return out;
        } catch (JedisException e) {
            String name = i < 0 ? "" : new String(keys.get(i), StandardCharsets.UTF_8);
            String owner = schema.name() + ": ";
            String address = connection.url().address();
            throw RedisErrors.command(address, connection.lost(e, address), "reading " + schema.name() + "'s holders of unique values",
                    reason -> new CorruptDataException(owner + "key '" + name + "' holds the wrong type of value: " + reason));
        }
    }

    /** {@link ModelDao#exists}: one SISMEMBER (ZSCORE for an ordered model), in the id's partition. */
    public boolean exists(ID id) {
        return metrics == null ? existsNow(id) : metrics.time(schema.name(), Operation.GET, () -> existsNow(id));
    }

    private boolean existsNow(ID id) {
        if (schema.expiring()) {
            return getNow(id).isPresent();
        }
        byte[] member = schema.idType().encodeBytes(id);
        byte[] idSet = partitionKeys[partitionOf(id)].idSet();
        if (schema.ordered()) {
            return connection.command(connection.commands().zscore(idSet, member), idSet, schema.name()) != null;
        }
        return connection.command(connection.commands().sismember(idSet, member), idSet, schema.name());
    }

    /** {@link ModelDao#count}: one SCARD (ZCARD for an ordered model); a partitioned model's in one pipeline. */
    public long count() {
        if (schema.expiring()) {
            return SharedSecrets.query().newQuery(this).count(); // the query script leaves out the expired
        }
        return metrics == null ? countNow() : metrics.time(schema.name(), Operation.GET, this::countNow);
    }

    private long countNow() {
        if (!schema.partitioned()) {
            byte[] idSet = partitionKeys[0].idSet();
            return connection.command(schema.ordered() ? connection.commands().zcard(idSet) : connection.commands().scard(idSet),
                    idSet, schema.name());
        }
        int p = -1;
        try (AbstractPipeline pipeline = connection.pipelined()) {
            List<Response<Long>> counts = new ArrayList<>(partitionKeys.length);
            for (ModelKeys k : partitionKeys) {
                counts.add(schema.ordered() ? pipeline.zcard(k.idSet()) : pipeline.scard(k.idSet()));
            }
            pipeline.sync();
            long total = 0;
            for (p = 0; p < counts.size(); p++) {
                total += counts.get(p).get(); // a partition's error reply is thrown here
            }
            return total;
        } catch (JedisException e) {
            String idSet = p < 0 ? "" : new String(partitionKeys[p].idSet(), StandardCharsets.UTF_8);
            String address = connection.url().address();
            throw RedisErrors.command(address, connection.lost(e, address), "counting " + schema.name() + "'s partitions",
                    reason -> new CorruptDataException(schema.name() + ": key '" + idSet
                            + "' holds the wrong type of value: " + reason));
        }
    }

    /**
     * {@link ModelDao#delete}: {@link #deleteAll} of one id, without a batch's bookkeeping (its
     * distinct ids, partitions and chunks), which cost a call this short a measurable share of its
     * client time.
     */
    public boolean delete(ID id) {
        return (metrics == null ? deleteNow(id) : metrics.time(schema.name(), Operation.DELETE, () -> deleteNow(id))) == 1;
    }

    private long deleteNow(ID id) {
        if (uniques != null) { // its unique values are released in their own partitions after
            return deleteAllNow(List.of(id));
        }
        schema.idType().check(id);
        return deleteInOneScript(List.of(id));
    }

    /** One write script that deletes {@code ids} (of one partition); how many existed. */
    private long deleteInOneScript(List<? extends ID> ids) {
        WriteCall call = new WriteCall(connection);
        ModelWrites<T, ID> writes = call.of(this);
        ids.forEach(writes::delete);
        call.execute();
        return writes.deleted();
    }

    /**
     * {@link ModelDao#deleteAll}: scripts of at most {@link ModelDao#BATCH_SIZE} ids, each of one
     * partition of a partitioned model; how many existed.
     */
    public long deleteAll(Collection<? extends ID> ids) {
        return metrics == null ? deleteAllNow(ids) : metrics.time(schema.name(), Operation.DELETE, () -> deleteAllNow(ids));
    }

    private long deleteAllNow(Collection<? extends ID> ids) {
        long deleted = 0;
        int done = 0;
        List<ID> distinct = List.copyOf(new LinkedHashSet<ID>(ids));
        distinct.forEach(schema.idType()::check); // a bad id anywhere is refused before the first script
        if (schema.partitioned()) {
            Map<Integer, List<ID>> byPartition = new TreeMap<>();
            distinct.forEach(id -> byPartition.computeIfAbsent(partitionOf(id), p -> new ArrayList<>()).add(id));
            distinct = byPartition.values().stream().flatMap(List::stream).toList();
        }
        List<List<ID>> chunks = new ArrayList<>();
        int last = -1;
        for (ID id : distinct) {
            int p = partitionOf(id);
            if (p != last || chunks.get(chunks.size() - 1).size() == ModelDao.BATCH_SIZE) {
                chunks.add(new ArrayList<>());
                last = p;
            }
            chunks.get(chunks.size() - 1).add(id);
        }
        if (uniques != null) { // the chunks' unique values are released in their own partitions after
            return uniques.deleteAll(chunks);
        }
        for (List<? extends ID> chunk : chunks) {
            try {
                deleted += deleteInOneScript(chunk);
            } catch (RedaoException e) {
                throw done == 0 ? e : new PartialBatchException(schema.name(), "deleted", done, e);
            }
            done += chunk.size();
        }
        return deleted;
    }

    /** The name of the object's hash, as keyspace notifications name it. */
    public String objectKey(ID id) {
        return new String(partitionKeys[partitionOf(id)].object(schema.idType().encodeBytes(id)), StandardCharsets.UTF_8);
    }

    /** The object holding a unique value, in one script. */
    public Optional<T> getByUnique(String field, byte[] value) {
        return metrics == null ? getByUniqueNow(field, value)
                : metrics.time(schema.name(), Operation.GET, () -> getByUniqueNow(field, value));
    }

    private Optional<T> getByUniqueNow(String field, byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        if (uniques != null) {
            return uniques.getByUnique(field, value);
        }
        List<byte[]> args = List.of(field.getBytes(StandardCharsets.UTF_8), value);
        Object reply = connection.eval(schema.loadByUnique(), idSetKeys.get(0), args); // no @Unique is partitioned
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
     * Runs the model's query script with a query's arguments, in one partition (0 for a model
     * that is not partitioned).
     *
     * @param writes whether the operation deletes what it finds: then it runs as a write (a
     *     {@code wait} applies), else as a read-only script
     */
    public Object runQuery(int partition, List<byte[]> args, boolean writes) {
        return connection.eval(writes ? schema.queryDelete() : schema.query(), idSetKeys.get(partition), args, writes);
    }

    /** Runs a reading query script in every partition at once (see {@link StoreConnection#evalEach}), {@code args} per partition. */
    public List<Object> runQueryInEveryPartition(List<List<byte[]>> args) {
        return connection.evalEach(schema.query(), idSetKeys, args);
    }

    /** Runs a reading query script in some partitions at once, with the same arguments. */
    public List<Object> runQueryInPartitions(List<Integer> partitions, List<byte[]> args) {
        List<List<byte[]>> keys = new ArrayList<>(partitions.size());
        partitions.forEach(p -> keys.add(idSetKeys.get(p)));
        return connection.evalEach(schema.query(), keys, Collections.nCopies(partitions.size(), args));
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

    /**
     * The score a save gives each field of a stored object, by position (null for a field that
     * has none): the fields are read into the model and written back, as a save writes them, so
     * that each kind of value scores as the runtime scores it. For redao-test's checker of the key
     * layout, which knows the model only through its DAO.
     *
     * @param storedFields the object's stored fields in {@link ModelSchema#fields()} order, the id first
     * @throws RedaoException ({@code CorruptValueException}, {@link InvalidArgumentException}) for a
     *     field that does not read, or whose value a save refuses
     */
    public byte[][] savedScores(List<byte[]> storedFields) {
        return encode(mapping.read(row(storedFields))).scores;
    }

    private Row row(List<byte[]> values) {
        return new Row(schema, baseOf(values.get(0)), connection.json(), values);
    }

    /** The base key of the partition of a stored id, which errors about the object name. */
    private String baseOf(byte[] id) {
        if (!schema.partitioned()) {
            return partitionKeys[0].base();
        }
        try {
            return partitionKeys[partitionOf(schema.idType().decode(id))].base();
        } catch (RuntimeException e) { // an id that does not decode: the row's own error names it
            return partitionKeys[0].base();
        }
    }
}
