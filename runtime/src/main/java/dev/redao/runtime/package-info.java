/**
 * Redao's core: {@link dev.redao.runtime.RedisStore} connects to one Redis database in a
 * namespace, a generated {@code <Model>Dao} (a {@link dev.redao.runtime.ModelDao}) saves, reads
 * and deletes the objects of one model, each call one script, and a
 * {@link dev.redao.runtime.Transaction} writes objects of several models in one script. Every
 * error is a {@link dev.redao.runtime.RedaoException}; the subclasses here say what went wrong.
 *
 * <p>Queries, messaging, the reliable queue and the tools have packages of their own.
 * {@code dev.redao.runtime.internal} is for generated code: your code never needs to name it.
 *
 * <p>The exceptions are {@link java.io.Serializable}, as every {@link Throwable} is, but their
 * serialized form is no API: it may change in any release.
 *
 * @serial exclude
 */
package dev.redao.runtime;
