package dev.redao.benchmarks;

import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedisStore;
import dev.redao.testsupport.LocalRedis;
import dev.redao.testsupport.RedisCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;
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
 * <p>The rows that start with "partitioned" compare Redao with itself instead: a model with
 * {@code @Model(partitions = 6)} ({@link PartitionedSample}, in the Redao column) against the same
 * model unpartitioned ({@link Sample}, in the baseline column), on the users' data, interleaved the
 * same way. On one server they show what partitioning costs; on a cluster the partitioned model is
 * spread over every master while the other sits on one, and the run ends with each master's share
 * of the partitioned model's keys. The row "partitioned in 3" asks the page query of a model of
 * three partitions ({@link PartitionedSampleOfThree}), one per master of the benchmark cluster.
 *
 * <p>Usage: {@code mvn -B -pl benchmarks -am -DskipTests package exec:java}
 * ({@code -Dexec.args="20000 5"} sets the number of users and of rounds; {@code "20000 5 cluster"}
 * runs on a 3-master, 3-replica cluster that test-support starts, and adds the cost of
 * {@code wait=1}; {@code "20000 5 cluster-without-replicas"} on its 3 masters alone;
 * {@code "20000 5 expiry"} what a model whose objects expire costs, see {@link ExpiryOverhead};
 * {@code "20000 5 metrics"} measures only what a bound Micrometer registry costs, see
 * {@link MetricsOverhead}; {@code "200000 3 audit"} what {@code audit()} and {@code repair()} cost,
 * see {@link AuditCost}; {@code "20000 5 async"} asynchronous calls and automatic pipelining, see
 * {@link AsyncThroughput}).
 */
public final class Benchmarks {
    private static final int BATCH = 1_000;
    private static final int QUERY_LIMIT = 20;

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String deployment = args.length > 2 ? args[2] : "server";
        if (deployment.startsWith("cluster")) {
            // "cluster-without-replicas": the masters alone, so that on a machine with fewer cores
            // than servers the replicas' work does not weigh on one side more than on the other
            int replicas = deployment.equals("cluster-without-replicas") ? 0 : 1;
            try (RedisCluster servers = RedisCluster.start(3, replicas);
                 RedisClusterClient client = RedisClusterClient.builder()
                         .nodes(servers.masters().stream().map(n -> new HostAndPort(n.host(), n.port())).collect(Collectors.toSet()))
                         .build();
                 CommandStats stats = new CommandStats(servers.masters().stream()
                         .map(n -> new Jedis(n.host(), n.port())).toList());
                 KeyShares shares = new KeyShares(servers.masters().stream()
                         .map(n -> new HostAndPort(n.host(), n.port())).toList())) {
                System.out.printf("Redis Cluster of %d masters and %d replicas, Redis %s, Java %s, %d users, %d rounds, %d cores%n",
                        servers.masters().size(), servers.replicas().size(), servers.version(),
                        System.getProperty("java.version"), users, rounds, Runtime.getRuntime().availableProcessors());
                run(servers.url(), client, stats, users, rounds, replicas > 0, shares);
            }
            return;
        }
        if (deployment.equals("async")) {
            try (LocalRedis redis = LocalRedis.start()) {
                System.out.printf("Redis %s (%s), Java %s, %d calls per side, %d rounds, %d cores%n", redis.version(),
                        redis.source(), System.getProperty("java.version"), users, rounds, Runtime.getRuntime().availableProcessors());
                AsyncThroughput.run(redis, users, rounds);
            }
            return;
        }
        if (deployment.equals("audit")) {
            try (LocalRedis redis = LocalRedis.start()) {
                AuditCost.run(redis, users, rounds);
            }
            return;
        }
        try (LocalRedis redis = LocalRedis.start();
             RedisClient client = RedisClient.builder().hostAndPort(redis.host(), redis.port()).build();
             CommandStats stats = new CommandStats(List.of(new Jedis(redis.host(), redis.port())))) {
            System.out.printf("Redis %s (%s), Java %s, %d users, %d rounds, %d cores%n", redis.version(), redis.source(),
                    System.getProperty("java.version"), users, rounds, Runtime.getRuntime().availableProcessors());
            if (deployment.equals("metrics")) {
                MetricsOverhead.run(redis.url(), stats, users, rounds);
                return;
            }
            if (deployment.equals("expiry")) {
                ExpiryOverhead.run(redis.url(), stats, users, rounds);
                return;
            }
            run(redis.url(), client, stats, users, rounds, false, null);
        }
        ProcessorBenchmark.run(100, 5, null);
    }

    /**
     * A warm-up round, then the rounds.
     *
     * @param url the deployment's URL, without parameters
     * @param withWait whether to add the phase that measures {@code wait=1} (servers with replicas)
     * @param shares the masters whose share of the partitioned model to print after the table, or
     *     null on one server, which holds all of it
     */
    private static void run(String url, UnifiedJedis client, CommandStats stats, int users, int rounds, boolean withWait,
                            KeyShares shares) {
        // warm-up: JIT, script caches and connection pools, on a smaller run
        try (RedisStore warm = RedisStore.connect(url + "?namespace=bench-warm-r");
             RedisStore warmWaiting = RedisStore.connect(url + "?namespace=bench-warm-w&wait=1")) {
            runRound(sides(warm, client, "bench-warm-b"), withWait ? new RedaoSide(warmWaiting) : null,
                    new Workload(Math.min(users, 5_000), 7), stats, () -> {});
        }
        Workload workload = new Workload(users, 42);
        List<Map<String, Measurement[]>> results = new ArrayList<>();
        List<String> lastShares = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            String namespace = "bench-" + r + "-r";
            // the last round's partitioned data, counted while the model holds every object
            Runnable atFullest = shares != null && r == rounds ? () -> lastShares.addAll(shares.lines(namespace)) : () -> {};
            try (RedisStore store = RedisStore.connect(url + "?namespace=" + namespace);
                 RedisStore waiting = RedisStore.connect(url + "?namespace=bench-" + r + "-w&wait=1")) {
                results.add(runRound(sides(store, client, "bench-" + r + "-b"), withWait ? new RedaoSide(waiting) : null,
                        workload, stats, atFullest));
            }
        }
        Report.print(results);
        if (!lastShares.isEmpty()) {
            System.out.println();
            System.out.println("Keys per master in the last round, every object saved (" + KeyShares.PARTITIONED
                    + " = the partitioned model, " + KeyShares.UNPARTITIONED + " = the same model unpartitioned):");
            lastShares.forEach(System.out::println);
        }
    }

    /** Both comparisons' sides in one round: Redao's and the partitioned comparison's models share one store. */
    private static Sides sides(RedisStore store, UnifiedJedis client, String baselineNamespace) {
        return new Sides(new RedaoSide(store), new BaselineSide(new Baseline(client, baselineNamespace)),
                SampleSide.partitioned(store), SampleSide.partitionedInThree(store), SampleSide.unpartitioned(store),
                SampleSide.compound(store));
    }

    record Sides(RedaoSide redao, BaselineSide baseline, SampleSide<PartitionedSample> partitioned,
                 SampleSide<PartitionedSampleOfThree> partitionedInThree, SampleSide<Sample> unpartitioned,
                 SampleSide<CompoundSample> compound) {}

    /**
     * Every phase, the two sides interleaved slice by slice (see {@link Phase}), on fresh
     * namespaces. Element 0 of each pair is Redao, element 1 the baseline; in the partitioned
     * comparison, the partitioned model and the unpartitioned one.
     *
     * @param atFullest run between the partitioned comparison's queries and its deletes, untimed
     */
    private static Map<String, Measurement[]> runRound(Sides sides, RedaoSide waiting, Workload w, CommandStats stats,
                                                       Runnable atFullest) {
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
        results.put("the same, baseline walking the age index", Phase.interleaved(stats, queries, 1, -1,
                i -> sides.redao.query(Workload.country(i % Workload.COUNTRIES)),
                i -> sides.baseline.queryWalking(Workload.country(i % Workload.COUNTRIES))));
        // how far a walk alone can go past the whole intersection, without Redao: the bound of
        // the first row's ratio for a script that keeps no extra index
        results.put("baselines alone: walking / whole intersection", Phase.interleaved(stats, queries, 1, -1,
                i -> sides.baseline.queryWalking(Workload.country(i % Workload.COUNTRIES)),
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
        // the partitioned model against itself unpartitioned, after the users are gone; the same
        // calls, data and probes as the users' phases
        SampleSide<PartitionedSample> partitioned = sides.partitioned;
        SampleSide<Sample> unpartitioned = sides.unpartitioned;
        results.put("partitioned save / unpartitioned", Phase.interleaved(stats, n, 1, -1,
                i -> partitioned.save(w, i), i -> unpartitioned.save(w, i)));
        results.put("partitioned get / unpartitioned", Phase.interleaved(stats, n, 1, -1,
                i -> partitioned.get(probes[i]), i -> unpartitioned.get(probes[i])));
        results.put("partitioned query country = X by age, first 20 / unpartitioned", Phase.interleaved(stats, queries, 1, -1,
                i -> partitioned.query(Workload.country(i % Workload.COUNTRIES)),
                i -> unpartitioned.query(Workload.country(i % Workload.COUNTRIES))));
        SampleSide.checkSameAnswers(partitioned, unpartitioned);
        // the same query with a partition per master of the benchmark cluster (untimed saves)
        SampleSide<PartitionedSampleOfThree> inThree = sides.partitionedInThree;
        for (int i = 0; i < n; i++) {
            inThree.save(w, i);
        }
        results.put("partitioned in 3: query country = X by age, first 20 / unpartitioned", Phase.interleaved(stats,
                queries, 1, -1, i -> inThree.query(Workload.country(i % Workload.COUNTRIES)),
                i -> unpartitioned.query(Workload.country(i % Workload.COUNTRIES))));
        SampleSide.checkSameAnswers(inThree, unpartitioned);
        inThree.clear();
        atFullest.run();
        results.put("partitioned delete / unpartitioned", Phase.interleaved(stats, n, 1, -1,
                i -> partitioned.delete(i), i -> unpartitioned.delete(i)));
        partitioned.clear();
        unpartitioned.clear();
        // a compound index of (country, age) against the same model without it: what its entries
        // cost the writes, and what the page query gains
        SampleSide<CompoundSample> compound = sides.compound;
        results.put("compound index: save / without", Phase.interleaved(stats, n, 1, -1,
                i -> compound.save(w, i), i -> unpartitioned.save(w, i)));
        results.put("compound index: query country = X by age, first 20 / without", Phase.interleaved(stats, queries, 1, -1,
                i -> compound.query(Workload.country(i % Workload.COUNTRIES)),
                i -> unpartitioned.query(Workload.country(i % Workload.COUNTRIES))));
        SampleSide.checkSameAnswers(compound, unpartitioned);
        results.put("compound index: delete / without", Phase.interleaved(stats, n, 1, -1,
                i -> compound.delete(i), i -> unpartitioned.delete(i)));
        compound.clear();
        unpartitioned.clear();
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

    /**
     * One side of the partitioned comparison: the generated DAO and query of {@link Sample} or of
     * {@link PartitionedSample}, called alike.
     */
    static final class SampleSide<T> {
        private final String model;
        private final ModelDao<T, Long> dao;
        private final BiFunction<Workload, Integer, T> object;
        private final Function<T, Long> idOf;
        private final ToIntFunction<T> ageOf;
        private final Function<String, List<T>> firstByAge;
        private final List<Long> ids = new ArrayList<>();

        private SampleSide(String model, ModelDao<T, Long> dao, BiFunction<Workload, Integer, T> object,
                           Function<T, Long> idOf, ToIntFunction<T> ageOf, Function<String, List<T>> firstByAge) {
            this.model = model;
            this.dao = dao;
            this.object = object;
            this.idOf = idOf;
            this.ageOf = ageOf;
            this.firstByAge = firstByAge;
        }

        static SampleSide<Sample> unpartitioned(RedisStore store) {
            SampleDao dao = new SampleDao(store);
            return new SampleSide<>(KeyShares.UNPARTITIONED, dao, Workload::sample, Sample::id, Sample::age, country -> dao.query()
                    .filter(SampleQuery.country.eq(country)).sortBy(SampleQuery.age.asc()).limit(QUERY_LIMIT).list());
        }

        static SampleSide<CompoundSample> compound(RedisStore store) {
            CompoundSampleDao dao = new CompoundSampleDao(store);
            return new SampleSide<>("compound", dao, Workload::compoundSample, CompoundSample::id, CompoundSample::age,
                    country -> dao.query().filter(CompoundSampleQuery.country.eq(country))
                            .sortBy(CompoundSampleQuery.age.asc()).limit(QUERY_LIMIT).list());
        }

        static SampleSide<PartitionedSampleOfThree> partitionedInThree(RedisStore store) {
            PartitionedSampleOfThreeDao dao = new PartitionedSampleOfThreeDao(store);
            return new SampleSide<>("p3sample", dao, Workload::partitionedSampleOfThree, PartitionedSampleOfThree::id,
                    PartitionedSampleOfThree::age, country -> dao.query().filter(PartitionedSampleOfThreeQuery.country.eq(country))
                            .sortBy(PartitionedSampleOfThreeQuery.age.asc()).limit(QUERY_LIMIT).list());
        }

        static SampleSide<PartitionedSample> partitioned(RedisStore store) {
            PartitionedSampleDao dao = new PartitionedSampleDao(store);
            return new SampleSide<>(KeyShares.PARTITIONED, dao, Workload::partitionedSample, PartitionedSample::id,
                    PartitionedSample::age, country -> dao.query().filter(PartitionedSampleQuery.country.eq(country))
                            .sortBy(PartitionedSampleQuery.age.asc()).limit(QUERY_LIMIT).list());
        }

        void save(Workload w, int i) {
            ids.add(idOf.apply(dao.save(object.apply(w, i))));
        }

        void get(int i) {
            dao.get(ids.get(i)).orElseThrow();
        }

        void query(String country) {
            firstByAge.apply(country);
        }

        void delete(int i) {
            if (!dao.delete(ids.get(i))) {
                throw new IllegalStateException(model + " " + ids.get(i) + " was not there to delete");
            }
        }

        void clear() {
            dao.query().delete();
            ids.clear();
        }

        /**
         * Untimed: both models hold the same users, so each country's first page by age has the
         * same ages on both (the ids differ, and so may the order among equal ages).
         */
        static void checkSameAnswers(SampleSide<?> a, SampleSide<?> b) {
            for (int c = 0; c < Workload.COUNTRIES; c++) {
                String country = Workload.country(c);
                List<Integer> ages = a.ages(country);
                if (!ages.equals(b.ages(country))) {
                    throw new IllegalStateException(a.model + " and " + b.model + " answer country = " + country
                            + " by age differently: " + ages + " and " + b.ages(country));
                }
            }
        }

        private List<Integer> ages(String country) {
            return firstByAge.apply(country).stream().map(ageOf::applyAsInt).toList();
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

        void queryWalking(String country) {
            baseline.firstByAgeWalking(country, QUERY_LIMIT);
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
