package dev.redao.runtime.async;

import dev.redao.runtime.BatchMode;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.ModelEngine;
import dev.redao.runtime.internal.SharedSecrets;
import dev.redao.runtime.query.Field;
import dev.redao.runtime.query.Query;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A DAO's calls, asynchronously ({@link ModelDao#async()}): each is the blocking call of the same
 * name run by the store's {@link AsyncStore}, whose rules it follows (back-pressure, callbacks,
 * order). The calls of one object ({@code save}, {@code update}, {@code get}, {@code exists},
 * {@code delete}), {@link #getAll}, {@link #count()} and a query's terminals ({@link #list},
 * {@link #count(Query)}...) go in the automatic pipeline with no thread of their own, unless they
 * take more than one round trip; the others run as the blocking call on a thread of the store's.
 * A generated DAO's own methods ({@code getByEmail}, a structure field's handle) and a query
 * with {@code loadRelated} go through {@link #call} and {@link #query(Function)}.
 *
 * @param <T> the model
 * @param <ID> its id type
 */
public final class AsyncDao<T, ID> {
    private final ModelDao<T, ID> dao;
    private final AsyncStore async;

    AsyncDao(ModelDao<T, ID> dao, AsyncStore async) {
        this.dao = dao;
        this.async = async;
    }

    /** What the DAO does underneath, its schema checked as each of its calls checks it. */
    private ModelEngine<T, ID> engine() {
        return SharedSecrets.core().engine(dao);
    }

    /**
     * Any call of the DAO's, asynchronously: {@code users.async().call(d -> d.getByEmail(e))}
     * with the generated DAO's type, or any other blocking call of Redao's.
     *
     * @param <D> the DAO's type
     * @param <R> what {@code work} returns
     * @param work one or more of Redao's blocking calls
     * @return a future of what {@code work} returns, or of what it throws
     */
    @SuppressWarnings("unchecked")
    public <D extends ModelDao<T, ID>, R> CompletableFuture<R> call(Function<D, R> work) {
        Arguments.requireNonNull(work, "work", "call");
        return async.call(() -> work.apply((D) dao));
    }

    /**
     * A query, asynchronously: {@code users.async().query(q -> q.filter(UserQuery.country.eq("DE")).list())}.
     *
     * @param <R> what the query's terminal returns
     * @param work builds the query and calls its terminal ({@code list}, {@code count}, {@code delete}...)
     * @return a future of the terminal's result
     */
    public <R> CompletableFuture<R> query(Function<Query<T, ID>, R> work) {
        Arguments.requireNonNull(work, "work", "query");
        return async.call(() -> work.apply(dao.query()));
    }

    /**
     * {@link Query#list()}: {@code users.async().list(users.query().filter(UserQuery.country.eq("DE")).limit(20))}.
     * As each terminal of a query here, one script in the automatic pipeline for a model that is
     * not partitioned; a partitioned model's runs as the blocking call, on a thread of the store's.
     *
     * @param query the query, built by this DAO's {@link ModelDao#query()}
     * @return a future of the matching objects
     */
    public CompletableFuture<List<T>> list(Query<T, ID> query) {
        Arguments.requireNonNull(query, "query", "list");
        return async.oneTrip((threads, settled) -> SharedSecrets.query().listLater(query, threads, settled), query::list);
    }

    /**
     * {@link Query#first()}.
     *
     * @param query the query
     * @return a future of the first result, or empty
     */
    public CompletableFuture<Optional<T>> first(Query<T, ID> query) {
        Arguments.requireNonNull(query, "query", "first");
        return async.oneTrip((threads, settled) -> SharedSecrets.query().firstLater(query, threads, settled), query::first);
    }

    /**
     * {@link Query#ids()}.
     *
     * @param query the query
     * @return a future of the matching ids
     */
    public CompletableFuture<List<ID>> ids(Query<T, ID> query) {
        Arguments.requireNonNull(query, "query", "ids");
        return async.oneTrip((threads, settled) -> SharedSecrets.query().idsLater(query, threads, settled), query::ids);
    }

    /**
     * {@link Query#count()}.
     *
     * @param query the query
     * @return a future of how many objects match
     */
    public CompletableFuture<Long> count(Query<T, ID> query) {
        Arguments.requireNonNull(query, "query", "count");
        return async.oneTrip((threads, settled) -> SharedSecrets.query().countLater(query, threads, settled), query::count);
    }

    /**
     * {@link Query#exists()}.
     *
     * @param query the query
     * @return a future of whether any object matches
     */
    public CompletableFuture<Boolean> exists(Query<T, ID> query) {
        Arguments.requireNonNull(query, "query", "exists");
        return async.oneTrip((threads, settled) -> SharedSecrets.query().existsLater(query, threads, settled), query::exists);
    }

    /**
     * {@link Query#delete()}: one script unless the blocking call finds the ids first (references
     * to follow, a partitioned model's unique values), which runs on a thread of the store's.
     *
     * @param query the query
     * @return a future of how many objects were deleted
     */
    public CompletableFuture<Long> delete(Query<T, ID> query) {
        Arguments.requireNonNull(query, "query", "delete");
        return async.oneTrip((threads, settled) -> SharedSecrets.query().deleteLater(query, threads, settled), query::delete);
    }

    /**
     * {@link ModelDao#save(Object)}.
     *
     * @param object the object to save
     * @return a future of the object as saved
     */
    public CompletableFuture<T> save(T object) {
        if (object == null) {
            return async.call(() -> dao.save(object)); // refused as the blocking call refuses it
        }
        return async.oneTrip((threads, settled) -> engine().saveLater(object, null, threads, settled), () -> dao.save(object));
    }

    /**
     * {@link ModelDao#save(Object, Duration)}.
     *
     * @param object the object
     * @param ttl how long it lives from this write
     * @return a future of the object as saved
     */
    public CompletableFuture<T> save(T object, Duration ttl) {
        if (object == null || ttl == null) {
            return async.call(() -> dao.save(object, ttl));
        }
        return async.oneTrip((threads, settled) -> engine().saveLater(object, ttl, threads, settled), () -> dao.save(object, ttl));
    }

    /**
     * {@link ModelDao#saveAll(Collection)}.
     *
     * @param objects the objects; none null
     * @return a future of the saved objects, in the order given
     */
    public CompletableFuture<List<T>> saveAll(Collection<? extends T> objects) {
        return async.call(() -> dao.saveAll(objects));
    }

    /**
     * {@link ModelDao#saveAll(Collection, BatchMode)}.
     *
     * @param objects the objects; none null
     * @param mode how the batch is split and what a conflict undoes
     * @return a future of the saved objects, in the order given
     */
    public CompletableFuture<List<T>> saveAll(Collection<? extends T> objects, BatchMode mode) {
        return async.call(() -> dao.saveAll(objects, mode));
    }

    /**
     * {@link ModelDao#update(Object, Field...)}.
     *
     * @param object carries the id and the new values of the named fields
     * @param fields the fields to write
     * @return a future of the object with its new version
     */
    @SafeVarargs
    public final CompletableFuture<T> update(T object, Field<T>... fields) {
        if (object == null || fields == null || Arrays.asList(fields).contains(null)) {
            return async.call(() -> dao.update(object, fields));
        }
        return async.oneTrip((threads, settled) -> engine().updateLater(object, engine().fieldMask(fields), threads, settled),
                () -> dao.update(object, fields));
    }

    /**
     * {@link ModelDao#get(Object)}.
     *
     * @param id the object's id
     * @return a future of the object, or empty
     */
    public CompletableFuture<Optional<T>> get(ID id) {
        if (id == null) {
            return async.call(() -> dao.get(id));
        }
        return async.oneTrip((threads, settled) -> engine().getLater(id, threads, settled), () -> dao.get(id));
    }

    /**
     * {@link ModelDao#getWithStructures(Object)}.
     *
     * @param id the object's id
     * @return a future of the object with its structures' content, or empty
     */
    public CompletableFuture<Optional<T>> getWithStructures(ID id) {
        return async.call(() -> dao.getWithStructures(id));
    }

    /**
     * {@link ModelDao#getAll(Collection)}.
     *
     * @param ids the ids; none null
     * @return a future of the objects that exist
     */
    public CompletableFuture<List<T>> getAll(Collection<? extends ID> ids) {
        if (ids == null || ids.stream().anyMatch(Objects::isNull)) {
            return async.call(() -> dao.getAll(ids));
        }
        List<ID> copy = List.copyOf(ids); // as the caller gave them, should the collection change after this call
        return async.oneTrip((threads, settled) -> engine().getAllLater(copy, threads, settled), () -> dao.getAll(copy));
    }

    /**
     * {@link ModelDao#exists(Object)}.
     *
     * @param id the object's id
     * @return a future of whether it exists
     */
    public CompletableFuture<Boolean> exists(ID id) {
        if (id == null) {
            return async.call(() -> dao.exists(id));
        }
        return async.oneTrip((threads, settled) -> engine().existsLater(id, threads, settled), () -> dao.exists(id));
    }

    /**
     * {@link ModelDao#count()}.
     *
     * @return a future of how many objects the model has
     */
    public CompletableFuture<Long> count() {
        return async.oneTrip((threads, settled) -> engine().countLater(threads, settled), dao::count);
    }

    /**
     * {@link ModelDao#delete(Object)}.
     *
     * @param id the object's id
     * @return a future of whether it existed
     */
    public CompletableFuture<Boolean> delete(ID id) {
        if (id == null) {
            return async.call(() -> dao.delete(id));
        }
        return async.oneTrip((threads, settled) -> engine().deleteLater(id, threads, settled), () -> dao.delete(id));
    }

    /**
     * {@link ModelDao#deleteAll(Collection)}.
     *
     * @param ids the ids; none null
     * @return a future of how many existed
     */
    public CompletableFuture<Long> deleteAll(Collection<? extends ID> ids) {
        return async.call(() -> dao.deleteAll(ids));
    }

    /**
     * {@link ModelDao#expire(Object, Duration)}.
     *
     * @param id the object's id
     * @param ttl how long it lives from now
     * @return a future of whether there was such an object
     */
    public CompletableFuture<Boolean> expire(ID id, Duration ttl) {
        return async.call(() -> dao.expire(id, ttl));
    }

    /**
     * {@link ModelDao#persist(Object)}.
     *
     * @param id the object's id
     * @return a future of whether there was such an object
     */
    public CompletableFuture<Boolean> persist(ID id) {
        return async.call(() -> dao.persist(id));
    }

    /**
     * {@link ModelDao#timeToLive(Object)}.
     *
     * @param id the object's id
     * @return a future of the time left, or empty for no object
     */
    public CompletableFuture<Optional<Duration>> timeToLive(ID id) {
        return async.call(() -> dao.timeToLive(id));
    }

    /**
     * {@link ModelDao#purgeExpired()}.
     *
     * @return a future of how many objects it deleted
     */
    public CompletableFuture<Long> purgeExpired() {
        return async.call(dao::purgeExpired);
    }
}
