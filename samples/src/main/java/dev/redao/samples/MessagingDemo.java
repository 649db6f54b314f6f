package dev.redao.samples;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.messaging.ChangeEvent;
import dev.redao.runtime.messaging.KeyspaceEventsException;
import dev.redao.runtime.messaging.PubSub;
import dev.redao.runtime.messaging.Subscription;
import dev.redao.samples.messaging.Keyword;
import dev.redao.samples.messaging.KeywordDao;
import dev.redao.testsupport.LocalRedis;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Messaging: publish/subscribe in the store's namespace, change events published by the save and
 * delete scripts, and watching keys through keyspace notifications. Listeners run on the store's
 * pub/sub thread; the demo waits for them with latches (never longer than 10 s) and prints what
 * they got.
 */
public final class MessagingDemo {
    private static final long WAIT_SECONDS = 10;
    private static final String NOTIFY = "notify-keyspace-events";
    private static final String SKIPPED = "Watch keys through keyspace notifications: skipped on the server REDIS_URL names";
    /** The event classes the flag {@code A} stands for; the watches below need them all. */
    private static final String ALL_KEY_EVENTS = "g$lshztxe";

    private MessagingDemo() {}

    public static void main(String[] args) {
        try (LocalRedis redis = LocalRedis.start()) {
            System.out.println("Redis " + redis.version() + " (" + redis.source() + ") at " + redis);
            String namespace = "messagingdemo" + Long.toString(System.nanoTime(), 36);
            try (RedisStore store = RedisStore.connect(redis.url() + "?namespace=" + namespace)) {
                run(store, redis.source() != LocalRedis.Source.ENV);
            }
        }
    }

    /**
     * Runs the demo in the store's namespace and removes what it wrote, on a server whose
     * configuration the watch may change (see {@link #run(RedisStore, boolean)}).
     *
     * @throws IllegalStateException if a message or an event does not arrive within 10 s
     */
    public static void run(RedisStore store) {
        run(store, true);
    }

    /**
     * Runs the demo in the store's namespace and removes what it wrote. A watch needs the server to
     * publish keyspace notifications, which Redao turns on with {@code CONFIG SET
     * notify-keyspace-events} where they are off. The demo lets it do so only on a server it
     * started ({@code ownServer}); on another one it watches only if the notifications are on
     * already, and otherwise prints the setting and skips the watch.
     *
     * @throws IllegalStateException if a message or an event does not arrive within 10 s
     */
    public static void run(RedisStore store, boolean ownServer) {
        publishAndSubscribe(store.pubSub());
        changeEvents(new KeywordDao(store));
        if (ownServer) {
            watch(store, new KeywordDao(store), "on the server this demo started, where Redao may turn them on");
        } else if (keyspaceEventsOn(store)) {
            watch(store, new KeywordDao(store), "which REDIS_URL's server publishes already");
        }
    }

    private static void publishAndSubscribe(PubSub pubSub) {
        step("Subscribe to 'chat' (text) and 'featured' (JSON decoded to Keyword); in Redis the channels are in the namespace");
        CountDownLatch received = new CountDownLatch(2);
        Subscription chat = pubSub.subscribe((channel, message) -> {
            System.out.println("  [" + Thread.currentThread().getName() + "] " + channel + ": " + message);
            received.countDown();
        }, "chat");
        Subscription featured = pubSub.subscribe(Keyword.class, (channel, keyword) -> {
            System.out.println("  " + channel + ": " + keyword);
            received.countDown();
        }, "featured");
        try (chat; featured) {
            long receivers = pubSub.publish("chat", "hello, subscribers");
            pubSub.publish("featured", new Keyword("redis", 10, "databases"));
            System.out.println("  'chat' reached " + receivers + " subscribed connection(s)");
            await(received, "the published messages");
        }
    }

    private static void changeEvents(KeywordDao keywords) {
        step("Subscribe to Keyword's change events, then save, update and delete a keyword");
        BlockingQueue<ChangeEvent<String>> events = new LinkedBlockingQueue<>();
        CountDownLatch three = new CountDownLatch(3);
        Subscription subscription = keywords.subscribe(event -> {
            events.add(event);
            three.countDown();
        });
        try (subscription) {
            Keyword lua = keywords.save(new Keyword("lua", 3, "languages"));
            keywords.save(new Keyword(lua.word(), 7, lua.category()));
            keywords.delete(lua.word());
            await(three, "three change events");
        }
        events.forEach(e -> System.out.println("  " + e.kind() + " " + e.id() + " " + e.fields()));
        System.out.println("  (published by the save and delete scripts on {keyword}:events: an event exists only"
                + " if the write happened)");
    }

    /**
     * Whether the server (not started by this demo) already publishes the keyspace notifications
     * the watch below needs; if not, says what to set rather than change someone's server.
     */
    private static boolean keyspaceEventsOn(RedisStore store) {
        String current;
        try {
            current = store.execute(jedis -> jedis.configGet(NOTIFY).getOrDefault(NOTIFY, ""));
        } catch (RuntimeException e) {
            step(SKIPPED);
            System.out.println("  cannot read " + NOTIFY + " (" + e.getMessage() + ")");
            return false;
        }
        StringBuilder missing = new StringBuilder();
        String have = current.replace("A", ALL_KEY_EVENTS);
        for (char flag : ("K" + ALL_KEY_EVENTS).toCharArray()) {
            if (have.indexOf(flag) < 0) {
                missing.append(flag);
            }
        }
        if (missing.isEmpty()) {
            return true;
        }
        step(SKIPPED);
        System.out.println("  this server's " + NOTIFY + " is '" + current + "', and a watch would add '"
                + missing + "' with CONFIG SET; this demo does not change a server it did not start.");
        System.out.println("  To see the watch: redis-cli CONFIG SET " + NOTIFY + " '" + current + missing + "'");
        return false;
    }

    private static void watch(RedisStore store, KeywordDao keywords, String where) {
        step("Watch one keyword and one plain key through keyspace notifications, " + where);
        CountDownLatch seen = new CountDownLatch(2);
        Subscription object;
        Subscription key;
        try {
            object = keywords.watch("redis", (k, event) -> {
                System.out.println("  " + withoutNamespace(store, k) + ": " + event);
                seen.countDown();
            });
            key = store.watchKey("motd", (k, event) -> {
                System.out.println("  " + k + ": " + event);
                seen.countDown();
            });
        } catch (KeyspaceEventsException e) {
            System.out.println("  cannot watch on this server: " + e.getMessage());
            return;
        }
        try (object; key) {
            keywords.save(new Keyword("redis", 11, "databases"));
            store.execute(jedis -> jedis.set(store.keyspace().key("motd"), "Messaging works"));
            await(seen, "the keyspace events");
        } finally {
            keywords.delete("redis");
            store.execute(jedis -> jedis.del(store.keyspace().key("motd")));
        }
    }

    /** A key as the application names it: the watch of a model's object reports it as Redis does. */
    private static String withoutNamespace(RedisStore store, String key) {
        String namespace = store.namespace();
        if (namespace.isEmpty()) {
            return key;
        }
        if (key.startsWith("{" + namespace + ":")) {
            return "{" + key.substring(namespace.length() + 2);
        }
        return key.startsWith(namespace + ":") ? key.substring(namespace.length() + 1) : key;
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(what + " did not arrive within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }

    private static void step(String what) {
        System.out.println();
        System.out.println("== " + what);
    }
}
