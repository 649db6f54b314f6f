package dev.redao.benchmarks;

import dev.redao.runtime.RedisStore;
import dev.redao.testsupport.LocalRedis;
import dev.redao.testsupport.RedisCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redao against a hand-written Jedis baseline, phase by phase, in one process and against one
 * Redis server (or one Redis Cluster), then the processor's cost. A plain main rather than JMH: on
 * 2 cores JMH's forks and iterations add minutes for error bars that the machine's noise makes wide
 * anyway; what is meaningful here is the ratio of two sides measured side by side: each phase
 * interleaves the two sides slice by slice (see {@link Phase}), and the whole workload runs several
 * rounds on fresh namespaces; the table shows the round with the median ratio, and the range over
 * all. Both sides use Jedis's current client family: {@code RedisClient} for one server,
 * {@code RedisClusterClient} for a cluster.
 *
 * <p>Usage: {@code mvn -B -pl benchmarks -am -DskipTests package exec:java}
 * ({@code -Dexec.args="20000 5"} sets the number of users and of rounds; {@code "20000 5 cluster"}
 * runs on a 3-master, 3-replica cluster that test-support starts, and adds the cost of
 * {@code wait=1}).
 */
public final class Benchmarks {
    private static final int BATCH = 1_000;
    private static final int QUERY_LIMIT = 20;

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean cluster = args.length > 2 && args[2].equals("cluster");
        if (cluster) {
            try (RedisCluster servers = RedisCluster.start();
                 RedisClusterClient client = RedisClusterClient.builder()
                         .nodes(servers.masters().stream().map(n -> new HostAndPort(n.host(), n.port())).collect(Collectors.toSet()))
                         .build();
                 CommandStats stats = new CommandStats(servers.masters().stream()
                         .map(n -> new Jedis(n.host(), n.port())).toList())) {
                System.out.printf("Redis Cluster of %d masters and %d replicas, Redis %s, Java %s, %d users, %d rounds, %d cores%n",
                        servers.masters().size(), servers.replicas().size(), servers.version(),
                        System.getProperty("java.version"), users, rounds, Runtime.getRuntime().availableProcessors());
                run(servers.url(), client, stats, users, rounds, true);
            }
            return;
        }
        try (LocalRedis redis = LocalRedis.start();
             RedisClient client = RedisClient.builder().hostAndPort(redis.host(), redis.port()).build();
             CommandStats stats = new CommandStats(List.of(new Jedis(redis.host(), redis.port())))) {
            System.out.printf("Redis %s (%s), Java %s, %d users, %d rounds, %d cores%n", redis.version(), redis.source(),
                    System.getProperty("java.version"), users, rounds, Runtime.getRuntime().availableProcessors());
            run(redis.url(), client, stats, users, rounds, false);
        }
        ProcessorBenchmark.run(100);
    }

    /**
     * A warm-up round, then the rounds.
     *
     * @param url the deployment's URL, without parameters
     * @param withWait whether to add the phase that measures {@code wait=1} (servers with replicas)
     */
    private static void run(String url, UnifiedJedis client, CommandStats stats, int users, int rounds, boolean withWait) {
        // warm-up: JIT, script caches and connection pools, on a smaller run
        try (RedisStore warm = RedisStore.connect(url + "?namespace=bench-warm-r");
             RedisStore warmWaiting = RedisStore.connect(url + "?namespace=bench-warm-w&wait=1")) {
            runRound(new Sides(new RedaoSide(warm), new BaselineSide(new Baseline(client, "bench-warm-b"))),
                    withWait ? new RedaoSide(warmWaiting) : null, new Workload(Math.min(users, 5_000), 7), stats);
        }
        Workload workload = new Workload(users, 42);
        List<Map<String, Measurement[]>> results = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            try (RedisStore store = RedisStore.connect(url + "?namespace=bench-" + r + "-r");
                 RedisStore waiting = RedisStore.connect(url + "?namespace=bench-" + r + "-w&wait=1")) {
                results.add(runRound(new Sides(new RedaoSide(store), new BaselineSide(new Baseline(client, "bench-" + r + "-b"))),
                        withWait ? new RedaoSide(waiting) : null, workload, stats));
            }
        }
        Report.print(results);
    }

    record Sides(RedaoSide redao, BaselineSide baseline) {}

    /**
     * Every phase, the two sides interleaved slice by slice (see {@link Phase}), on fresh
     * namespaces. Element 0 of each pair is Redao, element 1 the baseline.
     */
    private static Map<String, Measurement[]> runRound(Sides sides, RedaoSide waiting, Workload w, CommandStats stats) {
        Map<String, Measurement[]> results = new LinkedHashMap<>();
        Random random = new Random(1);
        int n = w.size;
        int[] probes = random.ints(n, 0, n).toArray();
        results.put("save (one per call)", Phase.interleaved(stats, n, 1, -1,
                i -> sides.redao.save(w, i), i -> sides.baseline.save(w, i)));
        results.put("get by id", Phase.interleaved(stats, n, 1, -1,
                i -> sides.redao.get(probes[i]), i -> sides.baseline.get(probes[i])));
        results.put("getByEmail", Phase.interleaved(stats, n, 1, -1,
                i -> sides.redao.getByEmail(w, probes[i]), i -> sides.baseline.getByEmail(w, probes[i])));
        int queries = Math.max(200, n / 10);
        results.put("country = X by age, first 20", Phase.interleaved(stats, queries, 1, -1,
                i -> sides.redao.query(Workload.country(i % Workload.COUNTRIES)),
                i -> sides.baseline.query(Workload.country(i % Workload.COUNTRIES))));
        results.put("update moving country", Phase.interleaved(stats, n, 1, -1,
                i -> sides.redao.update(w, i), i -> sides.baseline.update(w, i)));
        results.put("delete", Phase.interleaved(stats, n, 1, -1,
                i -> sides.redao.delete(i), i -> sides.baseline.delete(i)));
        if (waiting != null) {
            // what wait=1 costs: the same saves, each confirmed by a replica, against the baseline's plain saves
            BaselineSide plain = new BaselineSide(sides.baseline.baseline);
            results.put("save with wait=1 (baseline: no wait)", Phase.interleaved(stats, n, 1, -1,
                    i -> waiting.save(w, i), i -> plain.save(w, i)));
            waiting.clear();
            plain.deleteSaved();
        }
        int batches = n / BATCH;
        results.put("saveAll, batches of 1,000 (baseline: plain pipeline)", Phase.interleaved(stats, batches, BATCH, 2,
                i -> sides.redao.saveBatch(w, i * BATCH, BATCH), i -> sides.baseline.pipelineBatch(w, i * BATCH, BATCH)));
        sides.redao.clear();
        sides.baseline.clear();
        return results;
    }

    /** Redao's side: the generated DAO and query. */
    static final class RedaoSide {
        private final UserDao users;
        private final List<Long> ids = new ArrayList<>();

        RedaoSide(RedisStore store) {
            this.users = new UserDao(store);
        }

        void save(Workload w, int i) {
            ids.add(users.save(w.user(i, null)).id());
        }

        void get(int i) {
            users.get(ids.get(i)).orElseThrow();
        }

        void getByEmail(Workload w, int i) {
            users.getByEmail(w.emails[i]).orElseThrow();
        }

        void query(String country) {
            users.query().filter(UserQuery.country.eq(country)).sortBy(UserQuery.age.asc()).limit(QUERY_LIMIT).list();
        }

        void update(Workload w, int i) {
            User u = w.user(i, ids.get(i));
            users.save(new User(u.id(), u.email(), w.movedCountry(i), u.age(), u.name(), u.score()));
        }

        void delete(int i) {
            users.delete(ids.get(i));
        }

        void saveBatch(Workload w, int from, int count) {
            List<User> batch = new ArrayList<>(count);
            for (int i = from; i < from + count; i++) {
                batch.add(w.user(i, null));
            }
            users.saveAll(batch);
        }

        void clear() {
            users.query().delete();
        }
    }

    /** The baseline's side. */
    static final class BaselineSide {
        private final Baseline baseline;
        private final List<Long> ids = new ArrayList<>();

        BaselineSide(Baseline baseline) {
            this.baseline = baseline;
        }

        void save(Workload w, int i) {
            ids.add(baseline.save(w.user(i, null)));
        }

        void get(int i) {
            if (baseline.get(ids.get(i)) == null) {
                throw new IllegalStateException("baseline lost user " + ids.get(i));
            }
        }

        void getByEmail(Workload w, int i) {
            if (baseline.getByEmail(w.emails[i]) == null) {
                throw new IllegalStateException("baseline lost " + w.emails[i]);
            }
        }

        void query(String country) {
            baseline.firstByAge(country, QUERY_LIMIT);
        }

        void update(Workload w, int i) {
            User u = w.user(i, ids.get(i));
            baseline.update(new User(u.id(), u.email(), w.movedCountry(i), u.age(), u.name(), u.score()));
        }

        void delete(int i) {
            baseline.delete(ids.get(i));
        }

        void pipelineBatch(Workload w, int from, int count) {
            List<User> batch = new ArrayList<>(count);
            for (int i = from; i < from + count; i++) {
                batch.add(w.user(i, null));
            }
            baseline.pipelineBatch(batch);
        }

        /** Deletes the users this side saved, one script each. */
        void deleteSaved() {
            ids.forEach(baseline::delete);
        }

        void clear() {
            // the batch phase's users: delete them the way the baseline would, one script each
            for (long id = 1; id <= ids.size() * 2L + 1; id++) {
                baseline.delete(id);
            }
        }
    }
}
