package dev.redao.samples;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.queue.Delivery;
import dev.redao.runtime.queue.ReliableQueue;
import dev.redao.runtime.tools.Keyspace;
import dev.redao.runtime.tools.LuaPrograms;
import dev.redao.runtime.tools.UnknownLuaProgramException;
import dev.redao.testsupport.LocalRedis;
import java.time.Duration;
import java.util.List;

/**
 * A reliable 1:1 handoff (Zato's invoke_async) and a user Lua program: payments are queued, one
 * consumer dies holding a payment it already charged and another dies before charging, recovery
 * gives both back, and the Lua program {@code shop.charge_once} (from
 * {@code src/main/resources/lua/shop/charge_once.lua}) makes sure the redelivered payment is not
 * charged twice. Runs against {@code REDIS_URL} if set, else a Redis server started for the run.
 */
public final class QueueDemo {
    private QueueDemo() {}

    /** The message: JSON in the queue. */
    public record Payment(String order, long cents) {}

    /** The Lua program's keys, below the store's namespace; one hash tag, so they share a cluster slot. */
    private static final List<String> LEDGER = List.of("{payments}:charged", "{payments}:revenue");

    public static void main(String[] args) {
        try (LocalRedis redis = LocalRedis.start()) {
            System.out.println("Redis " + redis.version() + " (" + redis.source() + ") at " + redis);
            String namespace = "queuedemo" + Long.toString(System.nanoTime(), 36);
            try (RedisStore store = RedisStore.connect(redis.url() + "?namespace=" + namespace)) {
                run(store);
            }
        }
    }

    static void run(RedisStore store) {
        ReliableQueue<Payment> payments = store.queue("payments", Payment.class);
        LuaPrograms lua = store.luaPrograms();

        step("User Lua programs found under lua/ on the class path");
        System.out.println("  " + lua.names());

        step("A producer queues three payments (one script each: a fresh id and the message together)");
        for (Payment p : List.of(new Payment("A-100", 1250), new Payment("A-101", 990), new Payment("A-102", 4500))) {
            System.out.println("  pushed " + p + " as id " + payments.push(p));
        }
        System.out.println("  keys: {queue:payments}:ready, :processing, :leases, :ids");

        step("Consumer 1 takes a payment (BLMOVE to the processing list), charges it and acknowledges it");
        Delivery<Payment> first = payments.take(Duration.ofSeconds(1)).orElseThrow();
        System.out.println("  took " + first.message() + " (delivery " + first.deliveryCount() + ")");
        System.out.println("  charged: revenue now " + charge(lua, first.message()) + " cents");
        System.out.println("  ack -> " + payments.ack(first));

        step("Consumer 2 charges its payment and dies before acknowledging; consumer 3 dies before charging");
        Delivery<Payment> charged = payments.take(Duration.ofSeconds(1)).orElseThrow();
        System.out.println("  consumer 2 took " + charged.message() + ", revenue now " + charge(lua, charged.message())
                + " cents, then died (no ack)");
        Delivery<Payment> lost = payments.take(Duration.ofSeconds(1)).orElseThrow();
        System.out.println("  consumer 3 took " + lost.message() + " and died at once");
        System.out.println("  waiting: " + payments.size() + ", in flight: " + payments.inFlight());

        step("Recovery: nothing has expired yet with a 30 s visibility time ...");
        System.out.println("  given back: " + payments.recoverExpired(Duration.ofSeconds(30)));
        step("... and once it has (the demo passes zero rather than wait), both come back, oldest first");
        System.out.println("  given back: " + payments.recoverExpired(Duration.ZERO)
                + "; waiting: " + payments.size() + ", in flight: " + payments.inFlight());

        step("A surviving consumer drains the queue; charge_once refuses to charge A-101 twice");
        for (Delivery<Payment> d = next(payments); d != null; d = next(payments)) {
            Long revenue = charge(lua, d.message());
            System.out.println("  took " + d.message() + " (delivery " + d.deliveryCount() + "): "
                    + (revenue < 0 ? "already charged, nothing to do" : "charged, revenue now " + revenue + " cents")
                    + "; ack -> " + payments.ack(d));
        }
        System.out.println("  revenue " + lua.runString("shop.revenue", LEDGER.subList(1, 2), null)
                + " cents = 1250 + 990 + 4500, each payment charged exactly once");

        step("Consumer 2's acknowledgement arrives late: its delivery was given back, so it removes nothing");
        System.out.println("  ack -> " + payments.ack(charged));

        step("A misspelt program name is refused with the names that exist");
        try {
            lua.run("shop.charge_onse", LEDGER, List.of("A-103", "100"));
        } catch (UnknownLuaProgramException e) {
            System.out.println("  " + e.getMessage());
        }

        step("Clean up this run's keys");
        Keyspace keyspace = store.keyspace();
        store.execute(jedis -> jedis.del(keyspace.key("{queue:payments}:ids"), keyspace.key(LEDGER.get(0)), keyspace.key(LEDGER.get(1))));
        System.out.println("  waiting: " + payments.size() + ", in flight: " + payments.inFlight());
    }

    private static Long charge(LuaPrograms lua, Payment p) {
        return lua.runLong("shop.charge_once", LEDGER, List.of(p.order(), Long.toString(p.cents())));
    }

    private static Delivery<Payment> next(ReliableQueue<Payment> payments) {
        return payments.take(Duration.ofMillis(100)).orElse(null);
    }

    private static void step(String what) {
        System.out.println();
        System.out.println("== " + what);
    }
}
