package dev.redao.runtime.internal;

import dev.redao.runtime.messaging.ChangeEvent;
import dev.redao.runtime.messaging.KeyEventListener;
import dev.redao.runtime.messaging.PubSub;
import dev.redao.runtime.messaging.Subscription;
import java.util.function.Consumer;

/** What the messaging package hides for Redao's other packages (see {@link SharedSecrets}). */
public interface MessagingAccess {
    /** The pub/sub of a store and its subscriber connection, which opens on the first subscription. */
    PubSub newPubSub(StoreConnection store);

    /** The store's {@code watchKey}: a key named inside the namespace. */
    Subscription watchKey(PubSub pubSub, String key, KeyEventListener listener);

    /** A DAO's {@code watch}: the object's key, named as Redis knows it. */
    Subscription watchObject(PubSub pubSub, String key, KeyEventListener listener);

    /** A DAO's change events, decoded from what its scripts publish on {@code channel}. */
    <ID> Subscription subscribeToChanges(PubSub pubSub, String channel, IdType<ID> idType,
                                         Consumer<? super ChangeEvent<ID>> listener);
}
