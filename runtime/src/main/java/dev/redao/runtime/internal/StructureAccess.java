package dev.redao.runtime.internal;

import dev.redao.runtime.CorruptValueException;
import dev.redao.runtime.MissingObjectException;
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
    private static final Script WRITE = LuaSource.script("structure.write", "structure/write.lua");
    private static final Script READ = Script.reading("structure.read", LuaSource.code("structure/read.lua"));

    private final ModelEngine<?, ?> engine;
    private final StoreConnection connection;
    private final String model;
    private final Object id;
    private final String field;
    private final String kind;
    private final byte[] idBytes;
    /** The content read with the object (raw, as the load script replied), or null. */
    private final List<?> loaded;
    private final byte[] objectKey;
    private final byte[] key;

    private StructureAccess(ModelEngine<?, ?> engine, String model, Object id, byte[] idBytes, String field, String kind,
                            String objectKey, String key, List<?> loaded) {
        this.engine = engine;
        this.loaded = loaded;
        this.connection = engine.connection();
        this.idBytes = idBytes;
        this.model = model;
        this.id = id;
        this.field = field;
        this.kind = kind;
        this.objectKey = objectKey.getBytes(StandardCharsets.UTF_8);
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** The structure {@code field} ({@code kind}: "list", "set", ...) of object {@code id}. */
    public static <ID> StructureAccess of(ModelEngine<?, ID> engine, ID id, String field, String kind) {
        return of(engine, id, field, kind, null);
    }

    /** As {@link #of(ModelEngine, Object, String, String)}, with the content {@code row} read with the object, if any. */
    public static <ID> StructureAccess of(ModelEngine<?, ID> engine, ID id, String field, String kind, Row row) {
        ModelSchema<ID> schema = engine.schema();
        if (!schema.structures().contains(field)) {
            throw new IllegalArgumentException(schema.name() + " has no structure field " + field);
        }
        String base = engine.keys(engine.partitionOf(id)).base();
        return new StructureAccess(engine, schema.name(), id, schema.idType().encodeBytes(id), field, kind,
                engine.objectKey(id), base + ":st:" + field + ":" + schema.idType().encode(id),
                row == null ? null : row.structure(field));
    }

    /** The content read with the object (raw), or null when it was not read with it. */
    public List<?> loaded() {
        return loaded;
    }

    /** The structure's key, as a message names it. */
    public String key() {
        return new String(key, StandardCharsets.UTF_8);
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
        List<byte[]> argv = new ArrayList<>(args.size() + 2);
        argv.add(kind.getBytes(StandardCharsets.UTF_8));
        argv.add(op.getBytes(StandardCharsets.UTF_8));
        argv.addAll(args);
        List<?> reply = (List<?>) connection.eval(WRITE, List.of(objectKey, key), argv);
        if (ModelWrites.utf8(reply.get(0)).equals("missing")) {
            throw new MissingObjectException(model, id, model + " id " + id + " does not exist, so its " + kind + " '"
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
        SharedSecrets.core().writeCall(transaction).of(engine).structureWrite(idBytes, field, op, args);
    }

    /** Runs a read-only {@code command} on the structure; a missing structure reads as empty. */
    public Object read(String command, List<byte[]> args) {
        List<byte[]> argv = new ArrayList<>(args.size() + 2);
        argv.add(kind.getBytes(StandardCharsets.UTF_8));
        argv.add(command.getBytes(StandardCharsets.UTF_8));
        argv.addAll(args);
        return connection.eval(READ, List.of(key), argv);
    }

    /** An element the structure holds, decoded; a value that does not decode names the key. */
    public <E> E decode(ElementCodec<E> codec, Object raw) {
        return codec.decode((byte[]) raw, model, key(), field);
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
