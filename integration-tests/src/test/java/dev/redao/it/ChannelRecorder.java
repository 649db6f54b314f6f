package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.redao.runtime.RedisStore;
import dev.redao.testsupport.RedisCluster;
import dev.redao.testsupport.RedisNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.JedisShardedPubSub;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Records what is published on the servers, through plain Jedis subscribers on connections of
 * their own (not Redao's pub/sub), so that tests see exactly what the scripts published: every
 * channel that matches the patterns, and, where the store's change events are shard messages (a
 * cluster of Redis 7 servers), the shard channels named, on the node of each one's slot.
 *
 * <p>To know that nothing more was published without sleeping, {@link #takeAll()} publishes a
 * marker on a channel of its own through each server that holds data, and SPUBLISHes one on each
 * shard channel: Redis delivers what one server publishes in order (a cluster node passes its
 * PUBLISHes to the others over one link), so once every marker has arrived, everything published
 * before them has arrived too.
 */
final class ChannelRecorder implements AutoCloseable {
    record Message(String channel, String message) {}

    private final String marker = "redao-test-marker:" + UUID.randomUUID();
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final List<String> shardChannels;
    private final List<Jedis> connections = new ArrayList<>();
    private final List<Runnable> stops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private int markers;

    private ChannelRecorder(List<String> shardChannels) {
        this.shardChannels = List.copyOf(shardChannels);
    }

    /**
     * Records every message on channels matching the patterns, and on the shard channels where the
     * store sends change events as shard messages, once every subscription is confirmed.
     *
     * @param shardChannels the change-event channels to record, as Redis knows them
     */
    static ChannelRecorder psubscribe(RedisStore store, List<String> shardChannels, String... patterns)
            throws InterruptedException {
        boolean sharded = Internals.shardedEvents(store);
        ChannelRecorder recorder = new ChannelRecorder(sharded ? shardChannels : List.of());
        recorder.listen(patterns);
        if (sharded) {
            // one SSUBSCRIBE names channels of one slot only
            Map<Integer, List<String>> bySlot = new LinkedHashMap<>();
            for (String channel : shardChannels) {
                bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(channel), s -> new ArrayList<>()).add(channel);
            }
            for (List<String> channels : bySlot.values()) {
                recorder.listenSharded(RedisCluster.shared().masterForKey(channels.get(0)), channels);
            }
        }
        return recorder;
    }

    private void listen(String... patterns) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        Jedis connection = TestServers.connect(TestServers.dataServers().get(0));
        JedisPubSub subscriber = new JedisPubSub() {
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
                // Redis's own channels are not publications: keyspace notifications that another
                // test may have turned on, and the hello messages sentinels publish on the master
                if (!channel.startsWith("__") && !channel.equals(marker)) {
                    received.add(new Message(channel, message));
                }
            }
        };
        start(connection, () -> connection.psubscribe(subscriber, patterns), () -> {
            subscriber.punsubscribe();
            subscriber.unsubscribe();
        }, ready);
    }

    private void listenSharded(RedisNode node, List<String> channels) {
        CountDownLatch ready = new CountDownLatch(channels.size());
        Jedis connection = TestServers.connect(new HostAndPort(node.host(), node.port()));
        JedisShardedPubSub subscriber = new JedisShardedPubSub() {
            @Override
            public void onSSubscribe(String channel, int count) {
                ready.countDown();
            }

            @Override
            public void onSMessage(String channel, String message) {
                received.add(new Message(channel, message));
            }
        };
        try {
            start(connection, () -> subscriber.proceed(connection.getConnection(), channels.toArray(String[]::new)),
                    subscriber::sunsubscribe, ready);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void start(Jedis connection, Runnable subscribe, Runnable stop, CountDownLatch ready) throws InterruptedException {
        connections.add(connection);
        stops.add(stop);
        Thread thread = new Thread(subscribe, "channel-recorder");
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        assertTrue(ready.await(10, TimeUnit.SECONDS), "the recorder did not subscribe");
    }

    /** Every message recorded since the last call, published before this call. */
    List<Message> takeAll() throws InterruptedException {
        String token = marker + " " + (++markers);
        int expected = TestServers.onEachDataServer(publisher -> publisher.publish(marker, token)).size();
        for (String channel : shardChannels) {
            RedisNode owner = RedisCluster.shared().masterForKey(channel);
            try (Jedis publisher = TestServers.connect(new HostAndPort(owner.host(), owner.port()))) {
                publisher.sendCommand(Protocol.Command.SPUBLISH, channel, token);
            }
            expected++;
        }
        int arrived = 0;
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Message m = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m == null) {
                fail("the markers did not arrive within 10 s; recorded so far: " + out);
            }
            if (m.message().equals(token)) {
                if (++arrived == expected) {
                    return out;
                }
            } else if (!m.message().startsWith(marker)) {
                out.add(m);
            }
        }
    }

    @Override
    public void close() {
        stops.forEach(Runnable::run);
        try {
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.forEach(Jedis::close);
        }
    }
}
