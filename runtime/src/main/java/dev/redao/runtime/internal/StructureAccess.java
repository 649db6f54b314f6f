package dev.redao.runtime.internal;

import dev.redao.runtime.CorruptValueException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.Saved;
import dev.redao.runtime.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One structure field of one object (docs/structures.md): its key, next to the object's hash and
 * in its hash tag (its partition's, for a partitioned model), and the scripts that read and write
 * it. Every call is one script: a write checks that the object exists and writes nothing if not,
 * so no structure outlives its object or appears without one.
 */
public final class StructureAccess {
    private static final Script WRITE = LuaSource.script("structure.write", "structure/common.lua", "structure/write.lua");
    private static final Script READ = Script.reading("structure.read", LuaSource.code("structure/common.lua", "structure/read.lua"));

    private final ModelEngine<?, ?> engine;
    private final StoreConnection connection;
    private final String model;
    private final String field;
    private final String kind;
    /** The content read with the object (raw, as the load script replied), or null. */
    private final List<?> loaded;
    /** The object and keys; for an object a transaction saves, null until it has committed. */
    private Target target;
    /** The object a transaction saves, and its place among the saves of its model, or null. */
    private final Saved<?> pending;
    private final ModelWrites<?, ?> pendingWrites;
    private final int pendingIndex;

    /** The object the structure belongs to, and the keys of both. */
    private record Target(Object id, byte[] idBytes, byte[] objectKey, byte[] key, byte[] expiryKey) {}

    private StructureAccess(ModelEngine<?, ?> engine, String field, String kind, Target target, List<?> loaded,
                            Saved<?> pending, ModelWrites<?, ?> pendingWrites, int pendingIndex) {
        if (!engine.schema().structures().contains(field)) {
            throw new IllegalArgumentException(engine.schema().name() + " has no structure field " + field);
        }
        this.engine = engine;
        this.connection = engine.connection();
        this.model = engine.schema().name();
        this.field = field;
        this.kind = kind;
        this.target = target;
        this.loaded = loaded;
        this.pending = pending;
        this.pendingWrites = pendingWrites;
        this.pendingIndex = pendingIndex;
    }

    /** The structure {@code field} ({@code kind}: "list", "set", ...) of object {@code id}. */
    public static <ID> StructureAccess of(ModelEngine<?, ID> engine, ID id, String field, String kind) {
        return of(engine, id, field, kind, null);
    }

    /** As {@link #of(ModelEngine, Object, String, String)}, with the content {@code row} read with the object, if any. */
    public static <ID> StructureAccess of(ModelEngine<?, ID> engine, ID id, String field, String kind, Row row) {
        return new StructureAccess(engine, field, kind, target(engine, id, field), row == null ? null : row.structure(field),
                null, null, -1);
    }

    /**
     * The structure {@code field} of the object a transaction saves ({@code saved}, the
     * {@code index}-th save of {@code writes}): a write added to that transaction writes the
     * object's structure in its script, whatever id the object gets; any other call needs the
     * transaction to have committed.
     */
    public static <T, ID> StructureAccess ofSaved(ModelEngine<T, ID> engine, Saved<T> saved, ModelWrites<T, ?> writes,
                                                  int index, String field, String kind) {
        return new StructureAccess(engine, field, kind, null, null, saved, writes, index);
    }

    private static <ID> Target target(ModelEngine<?, ID> engine, ID id, String field) {
        ModelSchema<ID> schema = engine.schema();
        ModelKeys keys = engine.keys(engine.partitionOf(id));
        return new Target(id, schema.idType().encodeBytes(id), engine.objectKey(id).getBytes(StandardCharsets.UTF_8),
                (keys.base() + ":st:" + field + ":" + schema.idType().encode(id)).getBytes(StandardCharsets.UTF_8),
                schema.expiring() ? keys.expiry() : null);
    }

    /** The object and keys, once known: an object a transaction saves has its id once the transaction committed. */
    private Target target() {
        if (target == null) {
            target = resolved(engine, pending.get());
        }
        return target;
    }

    @SuppressWarnings("unchecked")
    private <T, ID> Target resolved(ModelEngine<T, ID> engine, Object saved) {
        return target(engine, engine.idOf((T) saved), field);
    }

    /** The content read with the object (raw), or null when it was not read with it. */
    public List<?> loaded() {
        return loaded;
    }

    /** The structure's key, as a message names it. */
    public String key() {
        return new String(target().key(), StandardCharsets.UTF_8);
    }

    /** The name of a call, for an argument's error: {@code model.field.method}. */
    public String call(String method) {
        return model + "." + field + "." + method;
    }

    /**
     * Runs a write ({@code op}: the Redis command, or {@code append} for a time series) with its
     * arguments, if the object exists; returns the command's reply.
     *
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    public Object write(String op, List<byte[]> args) {
        Target t = target();
        List<byte[]> keys = t.expiryKey() != null ? List.of(t.objectKey(), t.key(), t.expiryKey()) : List.of(t.objectKey(), t.key());
        List<?> reply = (List<?>) connection.eval(WRITE, keys, arguments(t, op, args));
        if (ModelWrites.utf8(reply.get(0)).equals("missing")) {
            throw new MissingObjectException(model, t.id(), model + " id " + t.id() + " does not exist, so its " + kind + " '"
                    + field + "' cannot be written; nothing was written");
        }
        return reply.size() > 1 ? reply.get(1) : null;
    }

    /**
     * Adds a write to {@code transaction} instead of running it: it runs in the transaction's
     * script, after every check of the transaction passed, and only if the object exists once the
     * transaction's deletes and saves are taken into account.
     */
    public void writeIn(Transaction transaction, String op, List<byte[]> args) {
        Arguments.requireNonNull(transaction, "transaction", call(op));
        ModelWrites<?, ?> writes = SharedSecrets.core().writeCall(transaction).of(engine);
        if (target != null) {
            writes.structureWrite(target.idBytes(), 0, field, op, args);
        } else if (writes == pendingWrites) {
            writes.structureWrite(null, pendingIndex + 1, field, op, args);
        } else {
            throw new InvalidArgumentException("transaction", call(op) + ": the object is saved by another transaction,"
                    + " which has not committed; write its structure in that one");
        }
    }

    /** Runs a read-only {@code command} on the structure; a missing structure reads as empty. */
    public Object read(String command, List<byte[]> args) {
        Target t = target();
        return connection.eval(READ, t.expiryKey() != null ? List.of(t.key(), t.expiryKey()) : List.of(t.key()),
                arguments(t, command, args));
    }

    /** The ARGV of write.lua and read.lua: the structure's kind, the command, the object's id, the command's arguments. */
    private List<byte[]> arguments(Target t, String command, List<byte[]> args) {
        List<byte[]> argv = new ArrayList<>(args.size() + 3);
        argv.add(kind.getBytes(StandardCharsets.UTF_8));
        argv.add(command.getBytes(StandardCharsets.UTF_8));
        argv.add(t.idBytes());
        argv.addAll(args);
        return argv;
    }

    /** An element the structure holds, decoded; a value that does not decode names the key. */
    public <E> E decode(ElementCodec<E> codec, Object raw) {
        byte[] bytes = (byte[]) raw;
        String text;
        try {
            text = Utf8.decode(bytes);
        } catch (IllegalArgumentException notUtf8) {
            throw corrupt(new String(bytes, StandardCharsets.UTF_8), notUtf8);
        }
        try {
            return codec.decoder().apply(text);
        } catch (RuntimeException e) {
            throw corrupt(text, e);
        }
    }

    /** A stored member that is not in the structure's form (written by hand), naming the key. */
    public CorruptValueException corrupt(String stored, Exception cause) {
        return new CorruptValueException(model, key(), field, stored.length() > 200 ? stored.substring(0, 200) + "..." : stored, cause);
    }

    /** An element a caller passes, encoded; a null is refused, naming the call. */
    public <E> byte[] encode(ElementCodec<E> codec, E element, String argument, String method) {
        return codec.encode(element, argument, call(method));
    }
}
