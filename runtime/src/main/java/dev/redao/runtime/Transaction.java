package dev.redao.runtime;

import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.Metrics;
import dev.redao.runtime.internal.ModelEngine;
import dev.redao.runtime.internal.ModelWrites;
import dev.redao.runtime.internal.StoreConnection;
import dev.redao.runtime.internal.WriteCall;
import dev.redao.runtime.metrics.Operation;
import dev.redao.runtime.query.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Saves and deletes of any models, collected and then committed in one script: every model is read and checked (unique values, versions, the types of the keys to
 * be written) before the first write, so either all of it is written or none of it. Nothing is
 * sent before the commit, so nothing can be read back inside the transaction, and an id the
 * server assigns is known only afterwards, through {@link Saved#get()}.
 *
 * <p>Each object may be written once per transaction: saving or deleting the same id twice is
 * refused when it is added. An object is encoded when it is added, as it is then, so bad input
 * ({@link InvalidArgumentException}) is refused by the call that adds it. A transaction is one script, however large, and holds Redis for its
 * whole run; split large batches with {@link ModelDao#saveAll}.
 *
 * <p>Two forms: {@link RedisStore#transaction(java.util.function.Consumer)} commits when the block
 * returns; {@link RedisStore#beginTransaction()} is for try-with-resources, where {@link #commit()}
 * must be called and {@link #close()} discards what was not committed. A transaction is for one
 * thread.
 */
public final class Transaction implements AutoCloseable {
    private final WriteCall call;
    /** The store's, or null when it reports to no observer. */
    private final Metrics metrics;
    private boolean done;

    Transaction(StoreConnection connection) {
        this.call = new WriteCall(connection);
        this.metrics = connection.metrics();
    }

    /**
     * Saves the object, as {@link ModelDao#save} does, when the transaction commits.
     *
     * @param <T> the model
     * @param <ID> the model's id type
     * @param dao the model's DAO
     * @param object the object to save
     * @return a handle that holds the saved object once the transaction has committed
     */
    public <T, ID> Saved<T> save(ModelDao<T, ID> dao, T object) {
        ModelEngine<T, ID> engine = engine(dao, "save");
        Arguments.requireNonNull(object, "object", call("save", engine));
        ModelWrites<T, ID> writes = writes(engine);
        return new Saved<>(writes, writes.save(object, engine.loadedFields(object)));
    }

    /**
     * Saves every object; the handles are in the order given.
     *
     * @param <T> the model
     * @param <ID> the model's id type
     * @param dao the model's DAO
     * @param objects the objects; none null
     * @return the handles, in the order of {@code objects}
     */
    public <T, ID> List<Saved<T>> saveAll(ModelDao<T, ID> dao, Collection<? extends T> objects) {
        Arguments.requireNoNulls(objects, "objects", call("saveAll", engine(dao, "saveAll")));
        List<Saved<T>> out = new ArrayList<>(objects.size());
        for (T object : objects) {
            out.add(save(dao, object));
        }
        return out;
    }

    /**
     * Writes only the named fields of a stored object, as {@link ModelDao#update} does.
     *
     * @param <T> the model
     * @param <ID> the model's id type
     * @param dao the model's DAO
     * @param object the id and the new values of the named fields
     * @param fields the fields to write, besides the id and the version
     * @return a handle that holds the saved object once the transaction has committed
     */
    @SafeVarargs
    public final <T, ID> Saved<T> update(ModelDao<T, ID> dao, T object, Field<T>... fields) {
        ModelEngine<T, ID> engine = engine(dao, "update");
        Arguments.requireNonNull(object, "object", call("update", engine));
        Arguments.requireNoNulls(fields, "fields", call("update", engine));
        ModelWrites<T, ID> writes = writes(engine);
        return new Saved<>(writes, writes.save(object, engine.fieldMask(fields)));
    }

    /**
     * Deletes the object with this id, if it exists, as {@link ModelDao#delete} does.
     *
     * @param <T> the model
     * @param <ID> the model's id type
     * @param dao the model's DAO
     * @param id the object's id
     */
    public <T, ID> void delete(ModelDao<T, ID> dao, ID id) {
        ModelEngine<T, ID> engine = engine(dao, "delete");
        writes(engine).delete(Arguments.requireNonNull(id, "id", call("delete", engine)));
    }

    /**
     * Deletes the objects with these ids, if they exist, as {@link ModelDao#deleteAll} does.
     *
     * @param <T> the model
     * @param <ID> the model's id type
     * @param dao the model's DAO
     * @param ids the ids; none null
     */
    public <T, ID> void deleteAll(ModelDao<T, ID> dao, Collection<? extends ID> ids) {
        Arguments.requireNoNulls(ids, "ids", call("deleteAll", engine(dao, "deleteAll")));
        for (ID id : ids) {
            delete(dao, id);
        }
    }

    private static <T, ID> ModelEngine<T, ID> engine(ModelDao<T, ID> dao, String method) {
        return Arguments.requireNonNull(dao, "dao", method + " in a transaction").engine();
    }

    /** A call as messages name it: {@code save of model 'member' in a transaction}. */
    private static String call(String method, ModelEngine<?, ?> engine) {
        return method + " of model '" + engine.schema().name() + "' in a transaction";
    }

    /** The call the writes go in, for a structure field's write in this transaction (see StructureAccess). */
    WriteCall writeCall() {
        if (done) {
            throw new IllegalStateException("the transaction is over: add writes inside its block");
        }
        return call;
    }

    private <T, ID> ModelWrites<T, ID> writes(ModelEngine<T, ID> engine) {
        if (done) {
            throw new IllegalStateException("the transaction is over: add writes inside its block");
        }
        return call.of(engine);
    }

    /**
     * Sends every write in one script.
     *
     * @throws UniqueViolationException for the first refused object (in the order the writes were
     *     added), if a unique value was taken; nothing was written
     * @throws OptimisticLockException for the first refused object, if its version was stale;
     *     nothing was written
     * @throws MissingObjectException for the first refused object, if it had to exist and did not;
     *     nothing was written
     * @throws IllegalStateException if the transaction already committed or was closed
     */
    public void commit() {
        if (done) {
            throw new IllegalStateException("the transaction is over");
        }
        done = true;
        if (metrics == null) {
            call.execute();
        } else if (!call.isEmpty()) { // an empty transaction sends nothing
            metrics.run(call.modelNames(), Operation.TRANSACTION, call::execute);
        }
    }

    /** Discards the writes unless {@link #commit()} was called; nothing is sent. */
    @Override
    public void close() {
        done = true;
    }
}
