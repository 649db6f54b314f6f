package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Records what is published on the server, through a plain Jedis subscriber on its own connection
 * (not Redao's pub/sub), so that tests see exactly what the scripts published.
 *
 * <p>To know that nothing more was published without sleeping, {@link #takeAll()} publishes a
 * marker on a channel of its own, through each server that holds data: Redis delivers what one
 * server publishes in order (a cluster node passes its PUBLISHes to the others over one link), so
 * once every server's marker has arrived, everything published before them has arrived too.
 */
final class ChannelRecorder implements AutoCloseable {
    record Message(String channel, String message) {}

    private final String marker = "redao-test-marker:" + UUID.randomUUID();
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Jedis connection;
    private final JedisPubSub subscriber;
    private final Thread thread;
    private int markers;

    private ChannelRecorder(String... patterns) {
        this.connection = TestServers.connect(TestServers.dataServers().get(0));
        this.subscriber = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int count) {
                ready.countDown();
            }

            @Override
            public void onPSubscribe(String pattern, int count) {
                if (count == patterns.length) {
                    subscribe(marker);
                }
            }

            @Override
            public void onMessage(String channel, String message) {
                received.add(new Message(channel, message));
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                // keyspace notifications that another test may have turned on are not publications
                if (!channel.startsWith("__key") && !channel.equals(marker)) {
                    received.add(new Message(channel, message));
                }
            }
        };
        this.thread = new Thread(() -> connection.psubscribe(subscriber, patterns), "channel-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Records every message on channels matching the patterns, once the subscription is confirmed. */
    static ChannelRecorder psubscribe(String... patterns) throws InterruptedException {
        ChannelRecorder recorder = new ChannelRecorder(patterns);
        assertTrue(recorder.ready.await(10, TimeUnit.SECONDS), "the recorder did not subscribe");
        return recorder;
    }

    /** Every message recorded since the last call, published before this call. */
    List<Message> takeAll() throws InterruptedException {
        String token = "marker " + (++markers);
        int servers = TestServers.onEachDataServer(publisher -> publisher.publish(marker, token)).size();
        int arrived = 0;
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Message m = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m == null) {
                fail("the marker did not arrive within 10 s; recorded so far: " + out);
            }
            if (m.channel().equals(marker)) {
                if (m.message().equals(token) && ++arrived == servers) {
                    return out;
                }
            } else {
                out.add(m);
            }
        }
    }

    @Override
    public void close() {
        subscriber.punsubscribe();
        subscriber.unsubscribe();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connection.close();
        }
    }
}
