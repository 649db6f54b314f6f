package dev.redao.benchmarks.springdata;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.async.AsyncDao;
import dev.redao.testsupport.LocalRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Issue #21's workload against the clients that set its bar, on one server the benchmark starts,
 * in one run: 64 callers, each saving an account and reading it back, again and again; then one
 * caller doing the same, for latency. The sides, one after another in each round:
 * <ul>
 * <li><b>Jedis, blocking, by hand</b>: 64 threads on a pool of 16 connections (Redao's default
 *     pool), the save one hand-written script (EVALSHA) with the same checks and writes as
 *     Redao's (the unique email checked before any write, both indexes, the id set), the get one
 *     HGETALL. The best blocking code for the job.
 * <li><b>Redao, blocking, {@code autoPipeline=0}</b>: the blocking baseline.
 * <li><b>Redao, asynchronous</b>: one thread keeping 64 calls in flight, each save's completion
 *     starting the get.
 * <li><b>Lettuce, asynchronous, by hand</b>: the same 64 calls in flight on one Lettuce connection
 *     (its default: every caller's commands written as they come, replies matched in order), the
 *     same script and HGETALL. Lettuce runs callbacks on its I/O thread, which Redao's async API
 *     does not allow itself (a callback that blocks would stop every reply).
 * <li><b>Lettuce, blocking, by hand</b>: 64 threads sharing that one connection.
 * </ul>
 * The sides use separate namespaces; each round starts from empty ones. The table gives each
 * figure's median over the rounds and its range.
 *
 * <pre>mvn -B -pl benchmarks/spring-data -am -DskipTests package exec:java -Dexec.mainClass=dev.redao.benchmarks.springdata.LettuceComparison -Dexec.args="20000 5"</pre>
 * (calls per side and round, rounds).
 */
public final class LettuceComparison {
    private static final int CALLERS = 64;
    private static final String[] COUNTRIES = {"C00", "C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09"};
    /** The hand-written save: Redao's key layout, checks and writes, with none of its generality. */
    private static final String SAVE = """
            local base = string.sub(KEYS[1], 1, -4)
            local uni = base .. ':uni:email'
            if redis.call('HEXISTS', uni, ARGV[1]) == 1 then return redis.error_reply('email taken') end
            local id = redis.call('INCR', KEYS[2])
            redis.call('HSET', base .. ':obj:' .. id, 'id', id, 'email', ARGV[1], 'country', ARGV[2], 'age', ARGV[3], 'name', ARGV[4])
            redis.call('HSET', uni, ARGV[1], id)
            redis.call('SADD', KEYS[1], id)
            redis.call('SADD', base .. ':idx:country:' .. ARGV[2], id)
            redis.call('ZADD', base .. ':idx:age', ARGV[3], id)
            return id
            """;

    private LettuceComparison() {}

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (LocalRedis redis = LocalRedis.start()) {
            System.out.printf("Redis %s (%s), Java %s, %d calls per side and round, %d rounds, %d cores%n", redis.version(),
                    redis.source(), System.getProperty("java.version"), calls, rounds, Runtime.getRuntime().availableProcessors());
            RedisClient lettuce = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
            GenericObjectPoolConfig<Jedis> pool = new GenericObjectPoolConfig<>();
            pool.setMaxTotal(16);
            pool.setMaxIdle(16);
            try (StatefulRedisConnection<String, String> shared = lettuce.connect();
                 JedisPool jedis = new JedisPool(pool, redis.host(), redis.port())) {
                String sha = shared.sync().scriptLoad(SAVE);
                Sides sides = new Sides(redis.url(), jedis, shared, sha);
                sides.round("warm", Math.min(calls, 4_000)); // JIT, script caches, pools
                List<double[]> rows = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    rows.add(sides.round("r" + r, calls));
                }
                print(rows);
            } finally {
                lettuce.shutdown();
            }
        }
    }

    private static final String[] NAMES = {
        "64 callers, Jedis blocking by hand: calls/s",
        "64 callers, Redao blocking autoPipeline=0: calls/s",
        "64 callers, Redao async: calls/s",
        "64 callers, Lettuce async by hand: calls/s",
        "64 callers, Lettuce blocking by hand: calls/s",
        "  Redao async / Redao blocking autoPipeline=0",
        "  Redao async / Jedis blocking by hand",
        "  Lettuce async / Jedis blocking by hand",
        "  Redao async / Lettuce async",
        "1 caller, Jedis blocking by hand: µs per call",
        "1 caller, Redao blocking autoPipeline=0: µs per call",
        "1 caller, Redao async chained: µs per call",
        "1 caller, Lettuce async chained: µs per call",
        "1 caller, Lettuce blocking: µs per call",
        "  Redao async chained / Redao blocking",
        "  Lettuce async chained / Jedis blocking by hand",
    };

    private static void print(List<double[]> rows) {
        System.out.printf("%-52s %10s %22s%n", "", "median", "range over " + rows.size() + " rounds");
        for (int k = 0; k < NAMES.length; k++) {
            double[] values = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                values[r] = rows.get(r)[k];
            }
            Arrays.sort(values);
            System.out.printf("%-52s %10.2f %10.2f .. %-10.2f%n", NAMES[k], values[values.length / 2], values[0], values[values.length - 1]);
        }
    }

    /** The five sides, each on namespaces of its own. */
    private record Sides(String url, JedisPool jedis, StatefulRedisConnection<String, String> lettuce, String sha) {
        double[] round(String name, int calls) throws Exception {
            int pairs = calls / 2;
            double[] row = new double[NAMES.length];
            try (RedisStore off = RedisStore.connect(url + "?namespace=lc-" + name + "-b&autoPipeline=0");
                 RedisStore async = RedisStore.connect(url + "?namespace=lc-" + name + "-a")) {
                AccountDao blocking = new AccountDao(off);
                AsyncDao<Account, Long> accounts = new AccountDao(async).async();
                HandWritten byJedis = new HandWritten("{lc-" + name + "-j:account}");
                HandWritten byLettuce = new HandWritten("{lc-" + name + "-l:account}");
                HandWritten byLettuceSync = new HandWritten("{lc-" + name + "-s:account}");
                row[0] = threads(pairs, i -> byJedis.jedisPair(jedis, sha, i));
                row[1] = threads(pairs, i -> blocking.get(blocking.save(account(i)).id()).orElseThrow());
                row[2] = inFlight(pairs, i -> accounts.save(account(i)).thenCompose(a -> accounts.get(a.id()))
                        .thenApply(read -> read.orElseThrow()));
                RedisAsyncCommands<String, String> commands = lettuce.async();
                row[3] = inFlight(pairs, i -> byLettuce.lettucePair(commands, sha, i));
                RedisCommands<String, String> sync = lettuce.sync();
                row[4] = threads(pairs, i -> byLettuceSync.lettuceSyncPair(sync, sha, i));
                row[5] = row[2] / row[1];
                row[6] = row[2] / row[0];
                row[7] = row[3] / row[0];
                row[8] = row[2] / row[3];
                int alone = Math.max(1, pairs / 10);
                HandWritten jedisAlone = new HandWritten("{lc-" + name + "-j1:account}");
                HandWritten lettuceAlone = new HandWritten("{lc-" + name + "-l1:account}");
                HandWritten lettuceSyncAlone = new HandWritten("{lc-" + name + "-s1:account}");
                row[9] = oneCaller(alone, i -> jedisAlone.jedisPair(jedis, sha, i));
                off.keyspace().deletePattern("*"); // the lone caller saves the same emails again
                row[10] = oneCaller(alone, i -> blocking.get(blocking.save(account(i)).id()).orElseThrow());
                async.keyspace().deletePattern("*");
                row[11] = chained(alone, i -> accounts.save(account(i)).thenCompose(a -> accounts.get(a.id())));
                row[12] = chained(alone, i -> lettuceAlone.lettucePair(commands, sha, i));
                row[13] = oneCaller(alone, i -> lettuceSyncAlone.lettuceSyncPair(sync, sha, i));
                row[14] = row[11] / row[10];
                row[15] = row[12] / row[9];
                off.keyspace().deletePattern("*");
                async.keyspace().deletePattern("*");
                try (Jedis admin = jedis.getResource()) {
                    for (String pattern : List.of("j", "l", "s", "j1", "l1", "s1")) {
                        for (String key : admin.keys("{lc-" + name + "-" + pattern + ":account}*")) {
                            admin.del(key);
                        }
                    }
                }
            }
            return row;
        }
    }

    private static Account account(int i) {
        return new Account(null, "user" + i + "@example.com", COUNTRIES[i % COUNTRIES.length], i % 100, "User Number " + i);
    }

    /** One model's keys written by hand, in Redao's layout: a save by the script, a get by HGETALL. */
    private record HandWritten(String base) {
        List<String> keys() {
            return List.of(base + ":id", base + ":ids");
        }

        List<String> args(int i) {
            Account a = account(i);
            return List.of(a.email(), a.country(), Integer.toString(a.age()), a.name());
        }

        void jedisPair(JedisPool pool, String sha, int i) {
            try (Jedis jedis = pool.getResource()) {
                Object id = jedis.evalsha(sha, keys(), args(i));
                if (jedis.hgetAll(base + ":obj:" + id).isEmpty()) {
                    throw new IllegalStateException("account " + id + " saved and not found");
                }
            }
        }

        void lettuceSyncPair(RedisCommands<String, String> sync, String sha, int i) {
            Long id = sync.evalsha(sha, ScriptOutputType.INTEGER, keys().toArray(String[]::new), args(i).toArray(String[]::new));
            if (sync.hgetall(base + ":obj:" + id).isEmpty()) {
                throw new IllegalStateException("account " + id + " saved and not found");
            }
        }

        CompletableFuture<Map<String, String>> lettucePair(RedisAsyncCommands<String, String> commands, String sha, int i) {
            return commands.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys().toArray(String[]::new), args(i).toArray(String[]::new))
                    .thenCompose(id -> commands.hgetall(base + ":obj:" + id))
                    .toCompletableFuture();
        }
    }

    /** 64 threads making {@code pairs} pairs of calls in all: calls per second. */
    private static double threads(int pairs, IntConsumer pair) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                done.add(threads.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < pairs; ) {
                        pair.accept(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return 2.0 * pairs * 1e9 / (System.nanoTime() - start);
    }

    /** One thread keeping 64 pairs in flight: calls per second. */
    private static double inFlight(int pairs, IntFunction<CompletableFuture<?>> pair) throws Exception {
        Semaphore permits = new Semaphore(CALLERS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            permits.acquire();
            pair.apply(i).whenComplete((read, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                permits.release();
            });
        }
        permits.acquire(CALLERS);
        if (failure.get() != null) {
            throw new IllegalStateException("an asynchronous call failed", failure.get());
        }
        return 2.0 * pairs * 1e9 / (System.nanoTime() - start);
    }

    /** One caller, pair after pair: µs per call. */
    private static double oneCaller(int pairs, IntConsumer pair) {
        long start = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            pair.accept(i);
        }
        return (System.nanoTime() - start) / 1000.0 / (2.0 * pairs);
    }

    /** One caller that never waits: each pair starts from the last one's callback. µs per call. */
    private static double chained(int pairs, IntFunction<CompletableFuture<?>> pair) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long start = System.nanoTime();
        chain(pairs, pair, 0, done);
        done.get();
        return (System.nanoTime() - start) / 1000.0 / (2.0 * pairs);
    }

    private static void chain(int pairs, IntFunction<CompletableFuture<?>> pair, int i, CompletableFuture<Void> done) {
        if (i == pairs) {
            done.complete(null);
            return;
        }
        pair.apply(i).whenComplete((read, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                chain(pairs, pair, i + 1, done);
            }
        });
    }
}
