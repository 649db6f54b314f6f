package dev.redao.runtime.internal;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.async.AsyncStore;
import dev.redao.runtime.messaging.PubSub;
import dev.redao.runtime.query.Query;
import dev.redao.runtime.queue.ReliableQueue;
import dev.redao.runtime.tools.Keyspace;
import java.lang.invoke.MethodHandles;

/**
 * How Redao's packages reach what the others keep hidden, as the JDK's
 * {@code jdk.internal.access.SharedSecrets} does: each API package hands its accessor to this class
 * from the static initializer of one of its public classes (the anchor), and the other packages
 * get it here. The API classes so show users only what they call, without a public member for
 * Redao's own use and without reflection.
 *
 * <p>A getter makes sure the anchor is initialized first, as the JDK does: a store can make a
 * pipeline before anything of the tools package has been loaded.
 */
public final class SharedSecrets {
    private static volatile CoreAccess core;
    private static volatile QueryAccess query;
    private static volatile MessagingAccess messaging;
    private static volatile QueueAccess queue;
    private static volatile ToolsAccess tools;
    private static volatile AsyncAccess async;

    private SharedSecrets() {}

    /** For {@link RedisStore}'s static initializer only. */
    public static void setCoreAccess(CoreAccess access) {
        core = once(core, access);
    }

    /** For {@link Query}'s static initializer only. */
    public static void setQueryAccess(QueryAccess access) {
        query = once(query, access);
    }

    /** For {@link PubSub}'s static initializer only. */
    public static void setMessagingAccess(MessagingAccess access) {
        messaging = once(messaging, access);
    }

    /** For {@link ReliableQueue}'s static initializer only. */
    public static void setQueueAccess(QueueAccess access) {
        queue = once(queue, access);
    }

    /** For {@link Keyspace}'s static initializer only. */
    public static void setToolsAccess(ToolsAccess access) {
        tools = once(tools, access);
    }

    /** For {@link AsyncStore}'s static initializer only. */
    public static void setAsyncAccess(AsyncAccess access) {
        async = once(async, access);
    }

    public static CoreAccess core() {
        if (core == null) {
            initialize(RedisStore.class);
        }
        return core;
    }

    public static QueryAccess query() {
        if (query == null) {
            initialize(Query.class);
        }
        return query;
    }

    public static MessagingAccess messaging() {
        if (messaging == null) {
            initialize(PubSub.class);
        }
        return messaging;
    }

    public static QueueAccess queue() {
        if (queue == null) {
            initialize(ReliableQueue.class);
        }
        return queue;
    }

    public static ToolsAccess tools() {
        if (tools == null) {
            initialize(Keyspace.class);
        }
        return tools;
    }

    public static AsyncAccess async() {
        if (async == null) {
            initialize(AsyncStore.class);
        }
        return async;
    }

    /** Each accessor is set once, by its anchor; a second one would mean two copies of a package. */
    private static <A> A once(A current, A access) {
        if (current != null) {
            throw new IllegalStateException("an accessor of " + access.getClass().getPackageName() + " is already set");
        }
        return access;
    }

    /**
     * Runs the anchor's static initializer, which sets its accessor. {@code ensureInitialized} only
     * initializes the class (what {@code new} or a static call would do); it reads no member.
     */
    private static void initialize(Class<?> anchor) {
        try {
            MethodHandles.lookup().ensureInitialized(anchor);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot initialize " + anchor.getName(), e);
        }
    }
}
