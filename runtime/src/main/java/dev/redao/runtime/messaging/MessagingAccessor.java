package dev.redao.runtime.messaging;

import dev.redao.runtime.internal.IdType;
import dev.redao.runtime.internal.MessagingAccess;
import dev.redao.runtime.internal.StoreConnection;
import java.util.function.Consumer;

/** The messaging package's accessor, which {@link PubSub} registers (see {@code SharedSecrets}). */
final class MessagingAccessor implements MessagingAccess {
    @Override
    public PubSub newPubSub(StoreConnection store) {
        return PubSub.open(store);
    }

    @Override
    public Subscription watchKey(PubSub pubSub, String key, KeyEventListener listener) {
        return pubSub.watchKey(key, listener);
    }

    @Override
    public Subscription watchObject(PubSub pubSub, String key, KeyEventListener listener) {
        return pubSub.watchObject(key, listener);
    }

    @Override
    public <ID> Subscription subscribeToChanges(PubSub pubSub, String channel, IdType<ID> idType,
                                                Consumer<? super ChangeEvent<ID>> listener) {
        return pubSub.subscribeToChanges(channel, idType, listener);
    }
}
