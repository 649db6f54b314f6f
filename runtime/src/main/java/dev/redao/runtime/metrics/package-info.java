/**
 * What a store reports about its own work, for a metrics library to record: a
 * {@link dev.redao.runtime.metrics.RedaoObserver} attached when the store connects
 * ({@link dev.redao.runtime.RedisStore.Options#observer}) hears of every operation (its model, its
 * kind, its outcome and how long it took), of each call the store sent again, and of each
 * connection it lost; {@link dev.redao.runtime.RedisStore#poolStats()} reads the connection pools.
 * {@code redao-micrometer} binds this to Micrometer. A store without an observer does no more than
 * test one field per operation.
 */
package dev.redao.runtime.metrics;
