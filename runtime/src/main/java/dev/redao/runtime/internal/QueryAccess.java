package dev.redao.runtime.internal;

import dev.redao.runtime.query.Field;
import dev.redao.runtime.query.Query;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/** What the query package hides for Redao's other packages (see {@link SharedSecrets}). */
public interface QueryAccess {
    /** A query over every object of the model. */
    <M, ID> Query<M, ID> newQuery(ModelEngine<M, ID> model);

    /** The field's place in its model's stored fields (the id is 0). */
    int position(Field<?> field);

    // A query's terminals as one script in the automatic pipeline, with no thread waiting for the
    // reply (see PipelinedFuture); null, having sent nothing, for one that takes more

    <M, ID> PipelinedFuture<List<M>> listLater(Query<M, ID> query, Executor threads, Runnable settled);

    <M, ID> PipelinedFuture<Optional<M>> firstLater(Query<M, ID> query, Executor threads, Runnable settled);

    <M, ID> PipelinedFuture<List<ID>> idsLater(Query<M, ID> query, Executor threads, Runnable settled);

    PipelinedFuture<Long> countLater(Query<?, ?> query, Executor threads, Runnable settled);

    PipelinedFuture<Boolean> existsLater(Query<?, ?> query, Executor threads, Runnable settled);

    PipelinedFuture<Long> deleteLater(Query<?, ?> query, Executor threads, Runnable settled);
}
