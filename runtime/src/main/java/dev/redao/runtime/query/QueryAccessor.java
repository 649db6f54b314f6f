package dev.redao.runtime.query;

import dev.redao.runtime.internal.ModelEngine;
import dev.redao.runtime.internal.QueryAccess;

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
}
