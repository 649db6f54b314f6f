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

    private MessagingDemo() {}

    public static void main(String[] args) {
        try (LocalRedis redis = LocalRedis.start()) {
            System.out.println("Redis " + redis.version() + " (" + redis.source() + ") at " + redis);
            String namespace = "messagingdemo" + Long.toString(System.nanoTime(), 36);
            try (RedisStore store = RedisStore.connect(redis.url() + "?namespace=" + namespace)) {
                run(store);
            }
        }
    }

    /**
     * Runs the demo in the store's namespace and removes what it wrote.
     *
     * @throws IllegalStateException if a message or an event does not arrive within 10 s
     */
    public static void run(RedisStore store) {
        publishAndSubscribe(store.pubSub());
        changeEvents(new KeywordDao(store));
        watch(store, new KeywordDao(store));
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
        String channel = keywords.store().keyspace().key("{keyword}:events");
        System.out.println("  (published by the save and delete scripts on " + channel
                + ": an event exists only if the write happened)");
    }

    private static void watch(RedisStore store, KeywordDao keywords) {
        step("Watch one keyword and one plain key through keyspace notifications");
        CountDownLatch seen = new CountDownLatch(2);
        Subscription object;
        Subscription key;
        try {
            object = keywords.watch("redis", (k, event) -> {
                System.out.println("  " + k + ": " + event);
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
