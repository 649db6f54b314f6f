package dev.redao.benchmarks;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.audit.AuditReport;
import dev.redao.testsupport.LocalRedis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Slowlog;

/**
 * What {@code dao.audit()} and {@code dao.repair()} cost on a big model (#18): the time per 100,000
 * objects, and how long Redis was held by one script, measured by the server itself (INFO
 * commandstats for every script's count and time, SLOWLOG for the longest ones). The users of the benchmark's
 * {@link User} model (a unique email, a set index, a sorted index) are saved with
 * {@code saveAll}; then each round audits the clean model, plants damage on 1 % of the objects
 * (each missing from its country's index set, and its age scored wrong) and repairs it; then it
 * re-indexes the model as if its country index had just been added, while two writers update users.
 *
 * <p>Usage: {@code mvn -B -pl benchmarks -am -DskipTests package exec:java
 * -Dexec.args="200000 3 audit"} (objects, rounds), or
 * {@code -Dexec.mainClass=dev.redao.benchmarks.AuditCost -Dexec.args="200000 3"}.
 */
public final class AuditCost {
    private AuditCost() {}

    public static void main(String[] args) {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (LocalRedis redis = LocalRedis.start()) {
            run(redis, objects, rounds);
        }
    }

    static void run(LocalRedis redis, int objects, int rounds) {
        System.out.printf("Redis %s (%s), Java %s, %d cores, %,d users, %d rounds%n", redis.version(), redis.source(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), objects, rounds);
        Workload w = new Workload(objects, 42);
        try (RedisStore store = RedisStore.connect(redis.url() + "?namespace=bench-audit");
             Jedis admin = new Jedis(redis.host(), redis.port())) {
            UserDao users = new UserDao(store);
            long filling = System.nanoTime();
            List<User> batch = new ArrayList<>();
            List<User> saved = new ArrayList<>(objects);
            for (int i = 0; i < objects; i++) {
                batch.add(w.user(i, null));
                if (batch.size() == 10_000 || i == objects - 1) {
                    saved.addAll(users.saveAll(batch));
                    batch.clear();
                }
            }
            System.out.printf("saved in %.1f s%n", (System.nanoTime() - filling) / 1e9);
            System.out.println();
            System.out.println("| call | problems | scripts | largest step | ms | ms per 100,000 objects"
                    + " | mean script µs | 99th percentile µs | longest script µs | scripts over 1 ms |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            String base = "{bench-audit:user}";
            for (int r = 1; r <= rounds; r++) {
                measure(admin, "audit, clean", objects, users::audit);
                int from = r * 7;
                try (var pipeline = admin.pipelined()) {
                    for (int i = from; i < saved.size(); i += 100) {
                        User u = saved.get(i);
                        pipeline.srem(base + ":idx:country:" + u.country(), Long.toString(u.id()));
                        pipeline.zadd(base + ":idx:age", -1, Long.toString(u.id()));
                    }
                    pipeline.sync();
                }
                measure(admin, "audit, 1 % damaged", objects, users::audit);
                measure(admin, "repair, 1 % damaged", objects, users::repair);
            }
            for (int r = 1; r <= rounds; r++) {
                reindexWhileWriting(redis, admin, store, users, saved, base, r);
            }
            store.keyspace().deletePattern("*");
        }
    }

    /**
     * A re-index after the country index was added to the model (#18): the stored schema says the
     * objects were written without it, and its keys are gone. Two writers, DAOs of the new schema
     * that start once the re-index has recorded it, update users meanwhile; the row counts their
     * scripts too (the report's count is printed below it), and an audit afterwards must be clean.
     */
    private static void reindexWhileWriting(LocalRedis redis, Jedis admin, RedisStore store, UserDao users, List<User> saved,
                                            String base, int round) {
        String layout = admin.hget(base + ":schema", "layout");
        admin.hset(base + ":schema", "layout", layout.replace("field country index\n", "field country\n"));
        for (String key : admin.keys(base + ":idx:country:*")) {
            admin.del(key);
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Random rnd = new Random(round * 10L + t);
            writers.add(pool.submit(() -> {
                try (Jedis reader = new Jedis(redis.host(), redis.port())) {
                    while (!done.get() && !layout.equals(reader.hget(base + ":schema", "layout"))) {
                        Thread.onSpinWait();
                    }
                }
                UserDao dao = new UserDao(store);
                while (!done.get()) {
                    User u = saved.get(rnd.nextInt(saved.size()));
                    dao.save(new User(u.id(), u.email(), String.format(Locale.ROOT, "C%02d", rnd.nextInt(20)), u.age(), u.name(), u.score()));
                    writes.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            measure(admin, "re-index, an index added, 2 writers", saved.size(), () -> {
                AuditReport report = users.reindex();
                done.set(true);
                return report;
            });
            for (Future<?> w : writers) {
                w.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        AuditReport after = users.audit();
        System.out.printf("  (%,d saves by the writers meanwhile; an audit afterwards: %s)%n", writes.get(),
                after.isClean() ? "clean" : after.toString());
    }

    /**
     * Runs the call and prints a row of the table. Redis 7 logs the commands a script calls too, so
     * the slow log keeps what takes 100 µs or more (every step of an audit but the smallest fixes),
     * and INFO commandstats gives every script's count and total time.
     */
    private static void measure(Jedis admin, String what, int objects, Supplier<AuditReport> call) {
        Map<String, String> saved = admin.configGet("slowlog-*");
        admin.configSet("slowlog-log-slower-than", "100");
        admin.configSet("slowlog-max-len", "100000");
        admin.slowlogReset();
        long[] before = scriptStats(admin);
        long start = System.nanoTime();
        AuditReport report = call.get();
        double millis = (System.nanoTime() - start) / 1e6;
        long[] after = scriptStats(admin);
        List<Slowlog> log = admin.slowlogGet(100_000);
        saved.forEach(admin::configSet);
        List<Slowlog> scripts = log.stream().filter(AuditCost::isScript).toList();
        long[] micros = scripts.stream().mapToLong(Slowlog::getExecutionTime).sorted().toArray();
        long calls = after[0] - before[0];
        long mean = calls == 0 ? 0 : (after[1] - before[1]) / calls;
        System.out.printf("| %s | %,d | %,d | %,d | %,.0f | %,.0f | %,d | %,d | %,d | %,d |%n", what, report.totalFound(),
                report.scripts(), report.largestStep(), millis, millis * 100_000 / objects, mean, percentile(micros, 0.99),
                micros.length == 0 ? 0 : micros[micros.length - 1], Arrays.stream(micros).filter(us -> us > 1_000).count());
        if (calls != report.scripts()) {
            System.out.printf("  (the server ran %,d scripts, the report counts %,d)%n", calls, report.scripts());
        }
        if (Boolean.getBoolean("audit.breakdown")) {
            Map<String, List<Long>> byKind = new TreeMap<>();
            for (Slowlog e : scripts) {
                String first = e.getArgs().size() > 4 ? e.getArgs().get(4) : "?";
                byKind.computeIfAbsent(first.matches("\\d+") ? "scan" : first, k -> new ArrayList<>()).add(e.getExecutionTime());
            }
            scripts.stream().max(java.util.Comparator.comparingLong(Slowlog::getExecutionTime)).ifPresent(e -> System.out.printf(
                    "    longest: %d µs, %s%n", e.getExecutionTime(), e.getArgs().subList(2, Math.min(e.getArgs().size(), 7))));
            byKind.forEach((kind, times) -> System.out.printf("    %s: %d scripts of 100 µs or more, mean %d µs, max %d µs%n",
                    kind, times.size(), times.stream().mapToLong(Long::longValue).sum() / times.size(),
                    times.stream().mapToLong(Long::longValue).max().orElse(0)));
        }
    }

    private static boolean isScript(Slowlog e) {
        return !e.getArgs().isEmpty() && e.getArgs().get(0).toLowerCase(Locale.ROOT).startsWith("eval");
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    /** Calls and µs of every script command (EVAL, EVALSHA and their _RO forms) so far, from INFO commandstats. */
    private static long[] scriptStats(Jedis admin) {
        long calls = 0;
        long usec = 0;
        for (String line : admin.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_eval")) {
                calls += field(line, "calls=");
                usec += field(line, "usec=");
            }
        }
        return new long[] {calls, usec};
    }

    private static long field(String line, String name) {
        int from = line.indexOf(name) + name.length();
        int to = line.indexOf(',', from);
        return Long.parseLong(line.substring(from, to < 0 ? line.length() : to));
    }
}
