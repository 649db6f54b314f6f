/**
 * Asynchronous calls ({@link dev.redao.runtime.async.AsyncStore}, {@link dev.redao.runtime.async.AsyncDao}):
 * each returns a {@link java.util.concurrent.CompletableFuture} that completes with what the
 * blocking call returns, or with the same typed exception (docs/async.md).
 */
package dev.redao.runtime.async;
