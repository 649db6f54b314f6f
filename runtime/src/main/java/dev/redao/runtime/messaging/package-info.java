/**
 * Publish/subscribe in the store's namespace ({@link dev.redao.runtime.messaging.PubSub}), the
 * change events that models with {@code @Model(events = true)} publish
 * ({@link dev.redao.runtime.messaging.ChangeEvent}), and watches of keys through keyspace
 * notifications ({@link dev.redao.runtime.messaging.KeyEventListener}). All of them share the
 * store's one subscriber connection and its thread.
 *
 * <p>The exceptions are {@link java.io.Serializable}, as every {@link Throwable} is, but their
 * serialized form is no API: it may change in any release.
 *
 * @serial exclude
 */
package dev.redao.runtime.messaging;
