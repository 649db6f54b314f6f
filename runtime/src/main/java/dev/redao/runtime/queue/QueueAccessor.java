package dev.redao.runtime.queue;

import com.fasterxml.jackson.databind.JavaType;
import dev.redao.runtime.internal.QueueAccess;
import dev.redao.runtime.internal.QueueKeys;
import dev.redao.runtime.internal.StoreConnection;

/** The queue package's accessor, which {@link ReliableQueue} registers (see {@code SharedSecrets}). */
final class QueueAccessor implements QueueAccess {
    @Override
    public <T> ReliableQueue<T> newQueue(StoreConnection store, String name, JavaType type) {
        return new ReliableQueue<>(store, name, type);
    }

    @Override
    public QueueKeys keys(ReliableQueue<?> queue) {
        return queue.keys();
    }
}
