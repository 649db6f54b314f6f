package dev.redao.runtime.query;

import dev.redao.runtime.internal.ModelEngine;
import dev.redao.runtime.internal.PipelinedFuture;
import dev.redao.runtime.internal.QueryAccess;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/** The query package's accessor, which {@link Query} registers (see {@code SharedSecrets}). */
final class QueryAccessor implements QueryAccess {
    @Override
    public <M, ID> Query<M, ID> newQuery(ModelEngine<M, ID> model) {
        return new Query<>(model);
    }

    @Override
    public int position(Field<?> field) {
        return field.position;
    }

    @Override
    public <M, ID> PipelinedFuture<List<M>> listLater(Query<M, ID> query, Executor threads, Runnable settled) {
        return query.listLater(threads, settled);
    }

    @Override
    public <M, ID> PipelinedFuture<Optional<M>> firstLater(Query<M, ID> query, Executor threads, Runnable settled) {
        return query.firstLater(threads, settled);
    }

    @Override
    public <M, ID> PipelinedFuture<List<ID>> idsLater(Query<M, ID> query, Executor threads, Runnable settled) {
        return query.idsLater(threads, settled);
    }

    @Override
    public PipelinedFuture<Long> countLater(Query<?, ?> query, Executor threads, Runnable settled) {
        return query.countLater(threads, settled);
    }

    @Override
    public PipelinedFuture<Boolean> existsLater(Query<?, ?> query, Executor threads, Runnable settled) {
        return query.existsLater(threads, settled);
    }

    @Override
    public PipelinedFuture<Long> deleteLater(Query<?, ?> query, Executor threads, Runnable settled) {
        return query.deleteLater(threads, settled);
    }
}
