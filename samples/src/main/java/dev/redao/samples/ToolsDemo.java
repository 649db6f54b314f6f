package dev.redao.samples;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.tools.Keyspace;
import dev.redao.runtime.tools.ModelStats;
import dev.redao.runtime.tools.RedisInfo;
import dev.redao.samples.shop.Customer;
import dev.redao.samples.shop.CustomerDao;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.params.SetParams;

/**
 * The store's tools: python-stdnet's client extensions on keys of your own (pattern counts and
 * deletes, atomic pops, zdiffstore), the server's INFO, and per-model statistics. Prints each
 * step; leaves the namespace as it found it.
 */
public final class ToolsDemo {
    private ToolsDemo() {}

    public static void run(RedisStore store) {
        Keyspace ks = store.keyspace();
        CustomerDao customers = new CustomerDao(store);

        step("Keys of your own: keyspace().key(name) applies the namespace, store.execute runs any command");
        for (int i = 1; i <= 5; i++) {
            String key = ks.key("session:" + i);
            store.execute(jedis -> jedis.set(key, "cart of visitor", SetParams.setParams().ex(3600)));
        }
        System.out.println("  session:1 is stored as " + ks.key("session:1"));

        step("countPattern: SCAN with MATCH inside the namespace only; model keys are names like {customer}:...");
        List<Customer> saved = customers.saveAll(List.of(
                new Customer(null, "tools-ann@example.com", "DE", "Ann", List.of(), Instant.now()),
                new Customer(null, "tools-bob@example.com", "FR", "Bob", List.of(), Instant.now()),
                new Customer(null, "tools-eve@example.com", "FR", "Eve", List.of(), Instant.now())));
        System.out.println("  session:*      -> " + ks.countPattern("session:*"));
        System.out.println("  {customer}:*   -> " + ks.countPattern("{customer}:*"));
        System.out.println("  *              -> " + ks.countPattern("*"));

        step("zpopByRank: take the top three of a leaderboard atomically (no other caller can get them too)");
        store.execute(jedis -> jedis.zadd(ks.key("leaderboard"),
                Map.of("ann", 310.0, "bob", 120.0, "eve", 450.0, "joe", 90.0, "kim", 275.0)));
        System.out.println("  popped " + ks.zpopByRank("leaderboard", 0, 2, true));
        System.out.println("  left   " + store.execute(jedis -> jedis.zrange(ks.key("leaderboard"), 0, -1)));

        step("zpopByScore: a delay queue scored by due time; pop every job that is due");
        long now = Instant.now().getEpochSecond();
        store.execute(jedis -> jedis.zadd(ks.key("jobs"),
                Map.of("send-invoice", now - 10.0, "email-receipt", now - 5.0, "yearly-report", now + 3600.0)));
        System.out.println("  due now " + ks.zpopByScore("jobs", Double.NEGATIVE_INFINITY, now, false).stream()
                .map(m -> m.member()).toList());
        System.out.println("  waiting " + store.execute(jedis -> jedis.zrange(ks.key("jobs"), 0, -1)));

        step("zdiffstore: players on the board who are not banned, stored in a new sorted set");
        // one hash tag for the three keys: a Redis Cluster runs a command only on keys of one slot
        store.execute(jedis -> jedis.zadd(ks.key("{game}board"), Map.of("ann", 3.0, "bob", 2.0, "joe", 1.0)));
        store.execute(jedis -> jedis.sadd(ks.key("{game}banned"), "bob"));
        long allowed = ks.zdiffstore("{game}allowed", "{game}board", "{game}banned");
        System.out.println("  " + allowed + " allowed: " + store.execute(jedis -> jedis.zrange(ks.key("{game}allowed"), 0, -1)));

        step("Server statistics: INFO, typed");
        RedisInfo info = store.serverInfo();
        System.out.println("  Redis " + info.version() + ", role " + info.role() + ", up " + info.uptime().toSeconds() + " s");
        System.out.println("  " + info.connectedClients() + " clients, " + info.usedMemory() + " bytes used, "
                + info.opsPerSecond() + " ops/s, " + info.totalCommands() + " commands so far");
        System.out.println("  keyspace " + info.keyspace() + "; any other field: raw(), e.g. "
                + info.raw().getOrDefault("mem_allocator", "?") + " allocator");

        step("Model statistics: objects, keys by kind and their memory");
        ModelStats stats = customers.stats();
        System.out.println("  " + stats.model() + ": " + stats.objects() + " objects;"
                + " value-index sets: " + stats.valueIndexKeys() + ", sorted indexes: " + stats.sortedIndexKeys()
                + ", lex indexes: " + stats.lexIndexKeys() + ", unique hashes: " + stats.uniqueIndexKeys()
                + ", other keys: " + stats.otherKeys());
        System.out.println("  " + stats.memoryBytes() + " bytes in " + stats.totalKeys() + " keys ("
                + (stats.memoryExact() ? "exact" : "estimated from " + stats.keysMeasured() + " keys") + ")");

        step("deletePattern: remove this demo's keys (SCAN + UNLINK in batches, inside the namespace)");
        System.out.println("  session:* -> " + ks.deletePattern("session:*") + " deleted");
        long others = 0;
        for (String name : List.of("leaderboard", "jobs", "{game}board", "{game}banned", "{game}allowed")) {
            others += ks.deletePattern(name);
        }
        System.out.println("  sorted sets and sets -> " + others + " deleted");
        customers.deleteAll(saved.stream().map(Customer::id).toList());
        System.out.println("  customers left: " + customers.count());
    }

    private static void step(String what) {
        System.out.println();
        System.out.println("== " + what);
    }
}
