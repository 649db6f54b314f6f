package dev.redao.runtime.query;

/**
 * The base of every generated {@code <Model>Query}: a holder of typed field handles, one static
 * field per stored field of the model, named as the field. What a handle offers is decided at
 * compile time by the field's index, so filtering on a field without an index does not compile.
 *
 * @param <M> the model
 */
public abstract class ModelQuery<M> {
    /** For the generated {@code <Model>Query}, which declares field handles only. */
    protected ModelQuery() {}
}
