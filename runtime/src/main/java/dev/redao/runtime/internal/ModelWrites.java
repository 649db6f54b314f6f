package dev.redao.runtime.internal;

import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.OptimisticLockException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisUnavailableException;
import dev.redao.runtime.UniqueViolationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The saves and deletes of one model in one write call, encoded for the model's write module and
 * matched with its part of the reply.
 *
 * @param <T> the model
 * @param <ID> its id type
 */
public final class ModelWrites<T, ID> {
    private static final byte[] EMPTY = new byte[0];
    private static final byte WRITTEN = '1';
    private static final byte NULL = '0';
    private static final byte KEPT = '2';

    private final ModelEngine<T, ID> model;
    private final ModelSchema<ID> schema;
    private final List<Save<T>> saves = new ArrayList<>();
    /**
     * A save: the object, its fields encoded when it is added (bad input is refused before anything
     * is sent), the fields it writes (by position; null for all of them), and for an expiring model
     * its expiry as the write module reads it (see save.lua).
     */
    private record Save<T>(T object, FieldWriter encoded, boolean[] fields, byte[] expiry) {}

    private final List<ID> deletes = new ArrayList<>();
    private final Set<ID> ids = new HashSet<>();
    /** The one partition a call writes of a partitioned model; -1 until its first object. */
    private int partition = -1;
    /**
     * For a partitioned model with unique fields, the claims' deadline the write must meet (server
     * ms, empty for no claim), set by {@link PartitionedUniques}; null when the call did not come
     * through it, which is refused: its unique values would go unchecked.
     */
    private byte[] claimsDeadline;
    /**
     * After a write of a partitioned model with unique fields: per save, the unique values its
     * object had (by unique field, null for none), which the runtime releases if the save changed them.
     */
    private List<List<?>> uniqueValuesHad = List.of();
    /** After such a write: each object its deletes removed, as its id then its unique values. */
    private List<List<?>> deletedUniqueValues = List.of();
    private List<T> saved;
    private long deleted;
    /** After the write of an expiring model: how many objects past their deadline it purged first. */
    private long purged;
    private boolean purgeOnly;

    /** The model's engine. */
    ModelEngine<T, ID> engine() {
        return model;
    }

    ModelWrites(ModelEngine<T, ID> model) {
        this.model = model;
        this.schema = model.schema();
    }

    ModelSchema<ID> schema() {
        return schema;
    }

    /**
     * Adds a save; returns its index. An object without an id gets a random one here if its id
     * type is not assigned by the server. The object is encoded now, as it is now, so that what
     * cannot be stored is refused by this call (see {@link ModelEngine#encode}).
     *
     * @param fields the fields to write, by position, the others being kept as stored; null for all
     */
    public int save(T object, boolean[] fields) {
        return save(object, fields, null);
    }

    /** The expiry argument that keeps an object's deadline as it is (see save.lua). */
    private static final byte[] KEEP_EXPIRY = {'k'};
    /** The expiry argument that drops an object's deadline. */
    private static final byte[] NO_EXPIRY = {'p'};

    /**
     * Adds a save with an expiry; returns its index.
     *
     * @param fields as for {@link #save(Object, boolean[])}
     * @param ttl how long the object lives from this write: {@link Duration#ZERO} for ever, null
     *     for the model's {@code @Model(ttl)} (without one, the object keeps the deadline it has)
     * @throws InvalidArgumentException for a ttl on a model whose objects do not expire, or a
     *     negative one
     */
    public int save(T object, boolean[] fields, Duration ttl) {
        byte[] expiry = null;
        if (ttl != null && !schema.expiring()) {
            throw new InvalidArgumentException("ttl", schema.name() + " objects do not expire: give the model"
                    + " @Model(ttl = \"...\") or @Model(expiring = true) to save them with a time to live");
        }
        if (schema.expiring()) {
            long millis = ttl != null ? Expiry.millis(schema.name(), ttl) : schema.defaultTtlMillis();
            expiry = ttl != null && ttl.isZero() ? NO_EXPIRY
                    : millis > 0 ? Codecs.encode(millis) : KEEP_EXPIRY;
        }
        T prepared = object;
        if (model.idOf(object) == null) {
            if (fields != null) {
                throw new InvalidArgumentException("object", "a partial save of " + schema.name() + " needs the object's id");
            }
            if (!schema.idType().assignedByServer()) {
                prepared = model.withId(object, schema.idType().newId());
            }
        }
        ID id = model.idOf(prepared);
        claimPartition(id == null ? (partition >= 0 ? partition : model.nextPartition()) : model.partitionOf(id));
        claimId(id);
        saves.add(new Save<>(prepared, model.encode(prepared), fields, expiry));
        return saves.size() - 1;
    }

    public void delete(ID id) {
        claimPartition(model.partitionOf(Objects.requireNonNull(id, "id")));
        claimId(id);
        deletes.add(id);
    }

    /**
     * One script writes one slot, so a call writes one partition of a partitioned model: a
     * transaction or a batch that would write two is refused before anything is sent.
     */
    private void claimPartition(int p) {
        if (partition >= 0 && partition != p) {
            throw new CrossSlotException("a write of " + schema.name() + " in partitions " + partition + " and " + p
                    + ": " + schema.name() + " is partitioned, and one all-or-nothing write reaches one partition;"
                    + " write the objects of each partition in a call of their own");
        }
        partition = p;
    }

    /**
     * A write whose unique values {@link PartitionedUniques} has claimed until {@code deadline}
     * (the earliest of its objects' claims; empty for none, as for deletes).
     */
    void claimedUntil(String deadline) {
        claimsDeadline = deadline.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether a partitioned model's unique values were claimed for this call (see {@link #claimedUntil}). */
    boolean uniqueValuesClaimed() {
        return claimsDeadline != null;
    }

    /** Whether the model's unique values are claimed around its writes (a partitioned model with @Unique fields). */
    boolean claimsUnique() {
        return schema.partitioned() && schema.stored().stream().anyMatch(ModelSchema.StoredField::unique);
    }

    /**
     * After a write of a partitioned model with unique fields, the unique values the object of
     * save {@code i} had, by unique field (null for none).
     */
    List<?> uniqueValuesHad(int i) {
        return uniqueValuesHad.get(i);
    }

    /**
     * After a write of a partitioned model with unique fields, each object its deletes removed (an
     * id that named no object is not there): its id, then its unique values by unique field (null
     * for none).
     */
    List<List<?>> deletedUniqueValues() {
        return deletedUniqueValues;
    }

    /** Makes this call write partition {@code p}: its new objects get their ids there. */
    void inPartition(int p) {
        claimPartition(p);
    }

    /** The partition this call writes (0 for a model that is not partitioned). */
    int partition() {
        return Math.max(partition, 0);
    }

    private void claimId(ID id) {
        if (id != null && !ids.add(id)) {
            throw new InvalidArgumentException("id", "the call writes " + schema.name() + " id " + id
                    + " twice: save or delete each object once per call");
        }
    }

    /**
     * The model's straight-line script when the part is one save or one delete that follows no
     * reference (see {@link ModelSchema}), else null: the driver's script takes it.
     */
    Script singleObjectScript() {
        if (!structureWrites.isEmpty()) {
            return null;
        }
        if (saves.size() == 1 && deletes.isEmpty()) {
            if (isNewWithEveryField() && schema.insertOne() != null) {
                return schema.insertOne();
            }
            return isByIdWithEveryField() && schema.replaceOne() != null ? schema.replaceOne() : schema.saveOne();
        }
        if (saves.isEmpty() && deletes.size() == 1) {
            return schema.deleteOne();
        }
        return null;
    }

    /**
     * The model's bulk insert (see insert_many.lua) when the part is several saves of new objects
     * that write every field, each with a value, and nothing else; else null.
     */
    Script manyNewObjectsScript() {
        if (saves.size() < 2 || !deletes.isEmpty() || !structureWrites.isEmpty() || purgeOnly || schema.insertMany() == null) {
            return null;
        }
        for (int i = 0; i < saves.size(); i++) {
            if (!isNewWithEveryField(i)) {
                return null;
            }
        }
        return schema.insertMany();
    }

    /** Whether the one save is of a new object (no id yet) that writes every field, each with a value. */
    private boolean isNewWithEveryField() {
        return isNewWithEveryField(0);
    }

    private boolean isNewWithEveryField(int i) {
        return model.idOf(saves.get(i).object()) == null && writesEveryField(i);
    }

    /** Whether the one save names its object's id and writes every field, each with a value. */
    private boolean isByIdWithEveryField() {
        return model.idOf(saves.get(0).object()) != null && writesEveryField(0);
    }

    private boolean writesEveryField(int i) {
        if (saves.get(i).fields() != null) {
            return false;
        }
        byte[][] values = saves.get(i).encoded().values;
        for (int f = 1; f < values.length; f++) {
            if (values[f] == null) {
                return false;
            }
        }
        return true;
    }

    boolean isEmpty() {
        return saves.isEmpty() && deletes.isEmpty() && structureWrites.isEmpty() && !purgeOnly;
    }

    /**
     * A write to a structure field, run by the driver after every check (see driver.lua), of object
     * {@code id}, or (id null) of the object of this call's {@code save}-th save.
     */
    private record StructureWrite(byte[] id, int save, String field, String op, List<byte[]> args) {}

    private final List<StructureWrite> structureWrites = new ArrayList<>();

    /**
     * Adds a write to a structure field: {@code op}, a Redis command or {@code append}, with its
     * arguments, of object {@code id}, or of the object of the {@code save}-th save (from 1) of this
     * call when {@code id} is null.
     */
    void structureWrite(byte[] id, int save, String field, String op, List<byte[]> args) {
        structureWrites.add(new StructureWrite(id, save, field, op, List.copyOf(args)));
    }

    /** Makes the call write this model with nothing of its own: its purge alone (see driver.lua). */
    void purgeOnly() {
        purgeOnly = true;
    }

    void appendTo(List<byte[]> keys, List<byte[]> args, boolean toModule) {
        ModelKeys k = model.keys(partition());
        keys.add(k.idSet());
        keys.add(k.counter());
        args.add(Codecs.encode((long) saves.size()));
        args.add(Codecs.encode((long) deletes.size()));
        appendSaves(args);
        for (ID id : deletes) {
            args.add(schema.idType().encodeBytes(id));
        }
        if (toModule) { // the driver's section of structure writes: id, save, field, op, argument count, arguments
            args.add(Codecs.encode((long) structureWrites.size()));
            for (StructureWrite w : structureWrites) {
                args.add(w.id() == null ? EMPTY : w.id());
                args.add(Codecs.encode((long) w.save()));
                args.add(Codecs.encode(w.field()));
                args.add(Codecs.encode(w.op()));
                args.add(Codecs.encode((long) w.args().size()));
                args.addAll(w.args());
            }
        }
        if (claimsDeadline != null && deletes.isEmpty()) {
            args.add(claimsDeadline); // the last ARGV (see save_one.lua and driver.lua)
        }
    }

    /** The saves alone, as the model's parseSaves reads them. */
    void appendSaves(List<byte[]> args) {
        for (Save<T> save : saves) {
            appendSave(save, args);
            if (schema.expiring()) {
                args.add(save.expiry());
            }
        }
    }

    /** Per object: id (empty for the server to assign), a mask, the written values, their scores. */
    private void appendSave(Save<T> save, List<byte[]> args) {
        ID id = model.idOf(save.object());
        FieldWriter w = save.encoded();
        boolean[] fields = save.fields();
        args.add(id != null ? schema.idType().encodeBytes(id) : schema.partitioned() ? newIdIn(partition()) : EMPTY);
        int n = schema.fields().size();
        int version = schema.versionField();
        byte[] mask = new byte[n - 1];
        args.add(mask);
        for (int f = 1; f < n; f++) {
            boolean written = fields == null || fields[f] || f == version;
            if (!written) {
                mask[f - 1] = KEPT;
            } else if (w.values[f] != null) {
                mask[f - 1] = WRITTEN;
                args.add(w.values[f]);
            } else {
                mask[f - 1] = NULL;
            }
        }
        for (int f = 1; f < n; f++) {
            if (mask[f - 1] == WRITTEN && w.scores[f] != null) {
                args.add(w.scores[f]);
            }
        }
    }

    /** A new object's id argument in a partition of a partitioned model: '#p' (see common.lua's idOfCount). */
    private static byte[] newIdIn(int partition) {
        return ("#" + partition).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Takes the flat reply of a straight-line script: {1, deleted, id[, version]} for a save,
     * {1, deleted} for a delete, then for a partitioned model the unique values the object had.
     */
    void acceptSingle(List<?> reply) {
        int ids = saves.isEmpty() ? 2 : 3;
        int versions = saves.isEmpty() || !schema.versioned() ? ids : 4;
        accept(List.of(reply.get(1), reply.subList(2, ids), reply.subList(ids, versions)));
        List<?> had = reply.subList(versions, reply.size());
        if (!saves.isEmpty()) {
            uniqueValuesHad = List.of(had);
        } else if (deleted > 0 && !had.isEmpty()) {
            List<Object> deletedOne = new ArrayList<>(had.size() + 1);
            deletedOne.add(schema.idType().encodeBytes(deletes.get(0)));
            deletedOne.addAll(had);
            deletedUniqueValues = List.of(deletedOne);
        }
    }

    /**
     * Takes this model's part of a successful reply: {deleted count, ids, versions}, then for a
     * partitioned model with unique fields the unique values its saved and deleted objects had,
     * each flat (see writes.lua).
     */
    void accept(List<?> reply) {
        if (schema.expiring()) {
            purged = reply.size() > 3 ? (Long) reply.get(3) : 0; // a straight-line script purges nothing
        } else if (reply.size() > 3) {
            int unique = (int) schema.stored().stream().filter(ModelSchema.StoredField::unique).count();
            uniqueValuesHad = slices((List<?>) reply.get(3), unique);
            deletedUniqueValues = slices((List<?>) reply.get(4), unique + 1);
        }
        deleted = (Long) reply.get(0);
        List<?> savedIds = (List<?>) reply.get(1);
        List<?> versions = (List<?>) reply.get(2);
        saved = new ArrayList<>(saves.size());
        for (int i = 0; i < saves.size(); i++) {
            T object = saves.get(i).object();
            ID id = schema.idType().decode((byte[]) savedIds.get(i));
            // withId also gives the object its structure fields' handles
            T withId = id.equals(model.idOf(object)) && schema.structures().isEmpty() ? object : model.withId(object, id);
            T result = schema.versioned() ? model.withVersion(withId, longOf((byte[]) versions.get(i))) : withId;
            // a copy of a partially loaded object holds what the original held
            model.copyLoadedFields(object, result);
            saved.add(result);
        }
    }

    /** The typed exception for a refusal of the write module: its kind, then what it names. */
    RedaoException refusal(List<?> refusal) {
        String kind = utf8(refusal.get(0));
        switch (kind) {
            case "unique":
                return new UniqueViolationException(schema.name(), utf8(refusal.get(1)), utf8(refusal.get(2)),
                        decodeId(refusal.get(3)));
            case "version":
                return new OptimisticLockException(schema.name(), decodeId(refusal.get(1)),
                        Long.parseLong(utf8(refusal.get(2))), Long.parseLong(utf8(refusal.get(3))));
            case "missing":
                return new MissingObjectException(schema.name(), decodeId(refusal.get(1)));
            case "structure":
                return new MissingObjectException(schema.name(), decodeId(refusal.get(1)), schema.name() + " id "
                        + utf8(refusal.get(1)) + " does not exist once the transaction's writes are done, so its structure '"
                        + utf8(refusal.get(2)) + "' cannot be written; nothing was written");
            case "expired":
                return new RedisUnavailableException(model.connection().url().address(), PartitionedUniques.EXPIRED,
                        "the claims on " + schema.name() + "'s unique values expired before its write ran: nothing was written", null);
            default:
                throw new IllegalStateException(schema.name() + ": unknown refusal " + kind);
        }
    }

    /** A flat list cut into lists of {@code size}. */
    private static List<List<?>> slices(List<?> flat, int size) {
        List<List<?>> out = new ArrayList<>(flat.size() / size);
        for (int i = 0; i + size <= flat.size(); i += size) {
            out.add(flat.subList(i, i + size));
        }
        return out;
    }

    private ID decodeId(Object bytes) {
        return schema.idType().decode((byte[]) bytes);
    }

    /** After the call: the saved objects, with their ids and versions, in the order they were added. */
    public List<T> saved() {
        return saved;
    }

    long deleted() {
        return deleted;
    }

    long purged() {
        return purged;
    }

    private static long longOf(byte[] decimal) {
        return Long.parseLong(new String(decimal, StandardCharsets.US_ASCII));
    }

    /** A reply element (bulk bytes) as text. */
    static String utf8(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }
}
