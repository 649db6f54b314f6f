package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.messaging.PubSub;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/** A dropped subscriber connection comes back by itself, with every subscription, and says so in the log. */
class PubSubReconnectTest extends RedisTestSupport {

    @Test
    void afterClientKillItReconnectsSubscribesAgainAndLogsIt() throws InterruptedException {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        PubSub pubSub = store.pubSub();
        try (LogCapture log = new LogCapture(PubSub.class.getName())) {
            pubSub.subscribe((channel, message) -> received.add(channel + "=" + message), "orders");
            pubSub.psubscribe((channel, message) -> received.add("pattern " + channel + "=" + message), "invoice.*");
            assertEquals(1, pubSub.publish("orders", "before"));
            assertEquals("orders=before", received.poll(10, TimeUnit.SECONDS));

            long killed = sumOverServers(jedis -> jedis.clientKill(new ClientKillParams().type(ClientType.PUBSUB)));
            assertTrue(killed >= 1, "killed " + killed + " pub/sub connections");

            assertTrue(log.await(Level.WARNING, "lost the connection to " + store.url().address()),
                    "the loss is logged: " + log.records());
            assertTrue(log.await(Level.INFO, "reconnected to " + store.url().address()
                    + "; subscribed again to 1 channel(s) and 1 pattern(s)"), "the reconnect is logged: " + log.records());

            // the SUBSCRIBE commands are sent when the log line is written; Redis may not have run them yet
            assertEquals(1, publishUntilReceived(pubSub, "orders", "after"));
            assertEquals("orders=after", received.poll(10, TimeUnit.SECONDS));
            assertEquals(1, publishUntilReceived(pubSub, "invoice.7", "after"));
            assertEquals("pattern invoice.7=after", received.poll(10, TimeUnit.SECONDS));
            assertTrue(received.isEmpty(), "each message once: " + received);
        }
    }

    /** Publishes until one subscriber receives it, for at most 10 s; returns the last count. */
    private static long publishUntilReceived(PubSub pubSub, String channel, String message) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long n;
        do {
            n = pubSub.publish(channel, message);
        } while (n == 0 && System.nanoTime() < deadline);
        return n;
    }
}
