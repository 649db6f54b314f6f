package dev.redao.runtime.internal;

import dev.redao.runtime.query.Field;
import dev.redao.runtime.query.Query;

/** What the query package hides for Redao's other packages (see {@link SharedSecrets}). */
public interface QueryAccess {
    /** A query over every object of the model. */
    <M, ID> Query<M, ID> newQuery(ModelEngine<M, ID> model);

    /** The field's place in its model's stored fields (the id is 0). */
    int position(Field<?> field);
}
