package dev.redao.runtime.internal;

import com.fasterxml.jackson.databind.JavaType;
import dev.redao.runtime.queue.ReliableQueue;

/** What the queue package hides for Redao's other packages (see {@link SharedSecrets}). */
public interface QueueAccess {
    /** The queue {@code name} of the store's namespace, carrying messages of {@code type} as JSON. */
    <T> ReliableQueue<T> newQueue(StoreConnection store, String name, JavaType type);

    /** The names of the queue's keys, which Redao's tests read. */
    QueueKeys keys(ReliableQueue<?> queue);
}
