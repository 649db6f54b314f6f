/**
 * Queries on one model: {@link dev.redao.runtime.query.Query}, which a DAO's {@code query()}
 * starts, narrowed by {@link dev.redao.runtime.query.Condition}s and ordered by
 * {@link dev.redao.runtime.query.Sort}s that the field handles of a generated
 * {@code <Model>Query} make. What a handle offers follows from the field's index, so a filter
 * that no index can run does not compile. A query runs as one script.
 */
package dev.redao.runtime.query;
