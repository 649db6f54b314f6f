package dev.redao.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.async.AsyncDao;
import dev.redao.testsupport.LocalRedis;
import java.util.ArrayList;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import redis.clients.jedis.Jedis;

/**
 * Issue #21's measurements, on one server, each round on fresh namespaces, the sides one after
 * another in a round:
 * <ul>
 * <li><b>64 concurrent callers</b>, each saving a user and reading it back, again and again:
 *     blocking threads with {@code autoPipeline=0} (each call on a pooled connection of its own,
 *     the pool's default 16), blocking threads with the default {@code autoPipeline}, and one
 *     thread keeping 64 asynchronous calls in flight. Throughput in calls per second, and what
 *     the server saw: calls per read from a socket ({@code total_reads_processed}), which is how
 *     many calls a pipeline carried (a read takes what has arrived, so a pipeline may take two);
 *     and the cores the server and this JVM kept busy ({@code INFO cpu}, the process's CPU time),
 *     which shows what bounds the throughput when they share the machine.
 * <li><b>64 concurrent callers updating and querying</b> the users saved: each moves a user to
 *     another age ({@code update}) then counts a country's users (a query's script), blocking with
 *     {@code autoPipeline=0} and asynchronously; the calls the asynchronous API added to the
 *     pipeline after save and get.
 * <li><b>One caller's latency</b>: a save and a get, one after the other, blocking,
 *     asynchronous with {@code future.get()} after each (the caller runs a call no thread has
 *     started yet), and asynchronous chained, each call started by the last one's callback, in µs
 *     per call.
 * </ul>
 * The table shows each figure's median over the rounds and its range.
 *
 * <p>Usage: {@code mvn -B -pl benchmarks -am -DskipTests package exec:java -Dexec.args="20000 5 async"}
 * (calls per side and round, rounds).
 */
final class AsyncThroughput {
    private static final int CALLERS = 64;

    private AsyncThroughput() {}

    /** One side's figures in one round. */
    private record Figures(double callsPerSecond, double callsPerRead, double serverCores, double clientCores) {}

    static void run(LocalRedis redis, int calls, int rounds) throws Exception {
        String url = redis.url();
        round(url, "bench-async-warm", Math.min(calls, 5_000), redis); // JIT, script caches, pools
        List<double[]> rows = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            rows.add(round(url, "bench-async-" + r, calls, redis));
        }
        String[] names = {
            "64 callers, blocking, autoPipeline=1: calls/s",
            "64 callers, blocking, autoPipeline=4: calls/s",
            "64 callers, blocking, autoPipeline=0: calls/s",
            "64 callers, blocking, autoPipeline=2: calls/s",
            "64 callers, async, autoPipeline=2: calls/s",
            "  async / blocking autoPipeline=0",
            "  async / blocking autoPipeline=2",
            "  calls per socket read, blocking autoPipeline=0",
            "  calls per socket read, blocking autoPipeline=2",
            "  calls per socket read, async",
            "  cores busy, server:client, blocking autoPipeline=0",
            "  cores busy, server:client, blocking autoPipeline=2",
            "  cores busy, server:client, async",
            "1 caller, blocking autoPipeline=0: µs per call",
            "1 caller, blocking autoPipeline=2: µs per call",
            "1 caller, async, get() on each: µs per call",
            "  async get() / blocking autoPipeline=0 latency",
            "1 caller, async, chained: µs per call",
            "  async chained / blocking autoPipeline=0 latency",
            "64 callers, update + query, blocking autoPipeline=0",
            "64 callers, update + query, async",
            "  async / blocking autoPipeline=0",
        };
        System.out.printf("%-52s %12s %25s%n", "", "median", "range over " + rounds + " rounds");
        for (int name = 0, k = 0; name < names.length; name++) {
            if (names[name].contains("server:client")) { // two figures: the server's and the client's
                double[] server = column(rows, k++);
                double[] client = column(rows, k++);
                System.out.printf("%-52s %5.2f:%-6.2f %5.2f:%-5.2f .. %5.2f:%-5.2f%n", names[name],
                        server[rounds / 2], client[rounds / 2], server[0], client[0], server[rounds - 1], client[rounds - 1]);
            } else {
                double[] values = column(rows, k++);
                System.out.printf("%-52s %12.2f %12.2f .. %-12.2f%n", names[name], values[rounds / 2], values[0], values[rounds - 1]);
            }
        }
    }

    /** Figure {@code k} of every round, sorted. */
    private static double[] column(List<double[]> rows, int k) {
        double[] values = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            values[r] = rows.get(r)[k];
        }
        Arrays.sort(values);
        return values;
    }

    private static double[] round(String url, String namespace, int calls, LocalRedis redis) throws Exception {
        Figures one;
        Figures four;
        Figures plain;
        Figures pipelined;
        Figures async;
        double[] latency = new double[4];
        Figures plainUpdates;
        Figures asyncUpdates;
        try (RedisStore off = RedisStore.connect(url + "?namespace=" + namespace + "-0&autoPipeline=0");
             RedisStore on = RedisStore.connect(url + "?namespace=" + namespace + "-2");
             RedisStore asyncStore = RedisStore.connect(url + "?namespace=" + namespace + "-a");
             Jedis admin = new Jedis(redis.host(), redis.port())) {
            try (RedisStore lane = RedisStore.connect(url + "?namespace=" + namespace + "-1&autoPipeline=1");
                 RedisStore lanes = RedisStore.connect(url + "?namespace=" + namespace + "-4&autoPipeline=4")) {
                one = blocking(new UserDao(lane), calls, admin);
                four = blocking(new UserDao(lanes), calls, admin);
                lane.keyspace().deletePattern("*");
                lanes.keyspace().deletePattern("*");
            }
            plain = blocking(new UserDao(off), calls, admin);
            pipelined = blocking(new UserDao(on), calls, admin);
            async = async(new UserDao(asyncStore).async(), calls, admin);
            plainUpdates = blockingUpdates(new UserDao(off), calls, admin);
            asyncUpdates = asyncUpdates(new UserDao(asyncStore), calls, admin);
            for (RedisStore s : List.of(off, on, asyncStore)) {
                s.keyspace().deletePattern("*"); // the latency phases save the same emails again
            }
            int alone = Math.max(1, calls / 10);
            latency[0] = oneCaller(new UserDao(off), alone);
            latency[1] = oneCaller(new UserDao(on), alone);
            latency[2] = oneAsyncCaller(new UserDao(asyncStore).async(), alone);
            asyncStore.keyspace().deletePattern("*");
            latency[3] = oneChainedCaller(new UserDao(asyncStore).async(), alone);
            for (RedisStore s : List.of(off, on, asyncStore)) {
                s.keyspace().deletePattern("*");
            }
        }
        return new double[] {
            one.callsPerSecond(), four.callsPerSecond(),
            plain.callsPerSecond(), pipelined.callsPerSecond(), async.callsPerSecond(),
            async.callsPerSecond() / plain.callsPerSecond(), async.callsPerSecond() / pipelined.callsPerSecond(),
            plain.callsPerRead(), pipelined.callsPerRead(), async.callsPerRead(),
            plain.serverCores(), plain.clientCores(), pipelined.serverCores(), pipelined.clientCores(),
            async.serverCores(), async.clientCores(),
            latency[0], latency[1], latency[2], latency[2] / latency[0], latency[3], latency[3] / latency[0],
            plainUpdates.callsPerSecond(), asyncUpdates.callsPerSecond(), asyncUpdates.callsPerSecond() / plainUpdates.callsPerSecond(),
        };
    }

    /** 64 threads, each saving a user then reading it back, {@code calls} calls in all. */
    private static Figures blocking(UserDao users, int calls, Jedis admin) throws Exception {
        Workload w = new Workload(calls / 2, 42);
        return blockingCallers(w.size, i -> users.get(users.save(w.user(i, null)).id()).isPresent(), admin);
    }

    /** One thread keeping 64 calls in flight: each save, once done, starts the get of its user. */
    private static Figures async(AsyncDao<User, Long> users, int calls, Jedis admin) throws Exception {
        Workload w = new Workload(calls / 2, 42);
        return asyncCallers(w.size, i -> users.save(w.user(i, null))
                .thenCompose(saved -> users.get(saved.id()))
                .thenApply(Optional::isPresent), admin);
    }

    /**
     * 64 threads, each moving a saved user (ids 1 to {@code calls / 2}, as the save phase left them)
     * to another age, then counting its country's users, {@code calls} calls in all.
     */
    private static Figures blockingUpdates(UserDao users, int calls, Jedis admin) throws Exception {
        Workload w = new Workload(calls / 2, 42);
        return blockingCallers(w.size, i -> {
            User moved = users.update(older(w, i), UserQuery.age);
            return users.query().filter(UserQuery.country.eq(moved.country())).count() > 0;
        }, admin);
    }

    /** As {@link #blockingUpdates}, asynchronously: one thread keeping 64 updates in flight, each, once done, starting its count. */
    private static Figures asyncUpdates(UserDao dao, int calls, Jedis admin) throws Exception {
        AsyncDao<User, Long> users = dao.async();
        Workload w = new Workload(calls / 2, 42);
        return asyncCallers(w.size, i -> users.update(older(w, i), UserQuery.age)
                .thenCompose(moved -> users.count(dao.query().filter(UserQuery.country.eq(moved.country()))))
                .thenApply(count -> count > 0), admin);
    }

    /**
     * 64 threads taking the workload's users in turn, each running two blocking calls on its user
     * ({@code pair}, which says whether their answer was the one expected), until {@code users} are done.
     */
    private static Figures blockingCallers(int users, IntPredicate pair, Jedis admin) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
        Usage before = Usage.now(admin);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                done.add(threads.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < users; ) {
                        if (!pair.test(i)) {
                            throw new AssertionError("user " + i + ": a call did not answer as expected");
                        }
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
        return before.figures(2L * users, Usage.now(admin));
    }

    /**
     * One thread keeping 64 pairs of asynchronous calls in flight, each pair ({@code pair}, a future of
     * whether its answer was the one expected) starting its second call once the first is done.
     */
    private static Figures asyncCallers(int users, IntFunction<CompletableFuture<Boolean>> pair, Jedis admin) throws Exception {
        Semaphore inFlight = new Semaphore(CALLERS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Usage before = Usage.now(admin);
        for (int i = 0; i < users; i++) {
            inFlight.acquire();
            int user = i;
            pair.apply(i).whenComplete((expected, e) -> {
                if (e != null || !expected) {
                    failure.compareAndSet(null, e != null ? e : new AssertionError("user " + user + ": a call did not answer as expected"));
                }
                inFlight.release();
            });
        }
        inFlight.acquire(CALLERS);
        if (failure.get() != null) {
            throw new IllegalStateException("an asynchronous call failed", failure.get());
        }
        return before.figures(2L * users, Usage.now(admin));
    }

    /** User {@code i} of the workload, saved with id {@code i + 1}, a year older. */
    private static User older(Workload w, int i) {
        User u = w.user(i, (long) i + 1);
        return new User(u.id(), u.email(), u.country(), u.age() + 1, u.name(), u.score());
    }

    /** One caller, a save then a get, {@code n} times: µs per call. */
    private static double oneCaller(UserDao users, int n) {
        Workload w = new Workload(n, 7);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            users.get(users.save(w.user(i, null)).id()).orElseThrow();
        }
        return (System.nanoTime() - start) / 1000.0 / (2.0 * n);
    }

    private static double oneAsyncCaller(AsyncDao<User, Long> users, int n) throws Exception {
        Workload w = new Workload(n, 7);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            User saved = users.save(w.user(i, null)).get();
            users.get(saved.id()).get().orElseThrow();
        }
        return (System.nanoTime() - start) / 1000.0 / (2.0 * n);
    }

    /**
     * One caller that never waits: each get starts when its save completes, and the next save when
     * the get completes, each on the thread that completed the call before.
     */
    private static double oneChainedCaller(AsyncDao<User, Long> users, int n) throws Exception {
        Workload w = new Workload(n, 7);
        CompletableFuture<Void> done = new CompletableFuture<>();
        long start = System.nanoTime();
        chain(users, w, 0, done);
        done.get();
        return (System.nanoTime() - start) / 1000.0 / (2.0 * n);
    }

    private static void chain(AsyncDao<User, Long> users, Workload w, int i, CompletableFuture<Void> done) {
        if (i == w.size) {
            done.complete(null);
            return;
        }
        users.save(w.user(i, null))
                .thenCompose(saved -> users.get(saved.id()))
                .whenComplete((read, e) -> {
                    if (e != null || read.isEmpty()) {
                        done.completeExceptionally(e != null ? e : new AssertionError("a user saved was not found"));
                    } else {
                        chain(users, w, i + 1, done);
                    }
                });
    }

    /**
     * What the server and this JVM had done at one moment: the server's reads from sockets
     * ({@code total_reads_processed} of {@code INFO stats}) and CPU seconds ({@code INFO cpu}, user
     * and system), and this process's CPU time.
     */
    private record Usage(long nanos, long socketReads, double serverCpuSeconds, long clientCpuNanos) {
        static Usage now(Jedis admin) {
            long nanos = System.nanoTime();
            Map<String, String> info = new HashMap<>();
            for (String line : admin.info("everything").split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    info.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
            if (!info.containsKey("total_reads_processed")) {
                throw new IllegalStateException("INFO stats has no total_reads_processed (Redis 6.0 or later has)");
            }
            double serverCpu = Double.parseDouble(info.get("used_cpu_user")) + Double.parseDouble(info.get("used_cpu_sys"));
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Usage(nanos, Long.parseLong(info.get("total_reads_processed")), serverCpu, os.getProcessCpuTime());
        }

        /** Calls per second, calls per read from a socket (each read carries one pipeline, or a part of one), and cores busy. */
        Figures figures(long calls, Usage after) {
            double seconds = (after.nanos - nanos) / 1e9;
            long reads = after.socketReads - socketReads;
            return new Figures(calls / seconds, reads == 0 ? 0 : calls / (double) reads,
                    (after.serverCpuSeconds - serverCpuSeconds) / seconds, (after.clientCpuNanos - clientCpuNanos) / 1e9 / seconds);
        }
    }
}
