package dev.redao.benchmarks;

import dev.redao.micrometer.MicrometerObserver;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.metrics.Operation;
import dev.redao.runtime.metrics.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What metrics cost (issue #17: at most 3 % on save and get): the same calls on two stores of one
 * server, one with a {@link MicrometerObserver} bound to a {@link SimpleMeterRegistry} (the Redao
 * columns of the table) and one with no observer (the base columns), interleaved slice by slice as
 * every phase is (see {@link Phase}). A ratio of 0.98 is a 2 % overhead.
 *
 * <p>Usage: {@code mvn -B -pl benchmarks -am -DskipTests package exec:java -Dexec.args="20000 5 metrics"}.
 */
final class MetricsOverhead {
    static final String SAVE = "save, a registry bound / none";
    static final String GET = "get by id, a registry bound / none";
    static final String GET_BY_EMAIL = "getByEmail, a registry bound / none";

    private MetricsOverhead() {}

    static void run(String url, CommandStats stats, int users, int rounds) {
        MeterRegistry registry = new SimpleMeterRegistry();
        MicrometerObserver observer = MicrometerObserver.bind(registry);
        // warm-up: JIT, script caches and connection pools, on a smaller run
        runRound(url, "bench-warm", observer, stats, new Workload(Math.min(users, 5_000), 7));
        Workload workload = new Workload(users, 42);
        List<Map<String, Measurement[]>> results = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            results.add(runRound(url, "bench-" + r, observer, stats, workload));
        }
        Report.print(results);
        Timer saves = registry.get(MicrometerObserver.OPERATION).tags("model", "user", "operation", "save", "outcome", "ok").timer();
        System.out.printf("(the bound registry recorded %d saves over the warm-up and the rounds, %.1f µs each on average)%n",
                saves.count(), saves.mean(TimeUnit.MICROSECONDS));
        MicrometerObserver alone = MicrometerObserver.bind(new SimpleMeterRegistry());
        isolatedNanos(alone); // warm-up
        System.out.printf("(without Redis, what a bound registry adds to one call: %.0f ns, two System.nanoTime() and a record)%n",
                isolatedNanos(alone));
    }

    /** What a call pays for its report, measured alone: the two clock reads and the observer's record. */
    private static double isolatedNanos(MicrometerObserver observer) {
        int n = 5_000_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            observer.operation("user", Operation.SAVE, Outcome.OK, System.nanoTime() - t);
        }
        return (System.nanoTime() - start) / (double) n;
    }

    /** One round on fresh namespaces: saves, gets and getByEmails of the workload's users on both stores. */
    private static Map<String, Measurement[]> runRound(String url, String namespace, MicrometerObserver observer,
                                                       CommandStats stats, Workload w) {
        Map<String, Measurement[]> results = new LinkedHashMap<>();
        try (RedisStore bound = RedisStore.connect(url + "?namespace=" + namespace + "-o",
                     RedisStore.Options.defaults().observer(observer));
             RedisStore none = RedisStore.connect(url + "?namespace=" + namespace + "-p")) {
            Benchmarks.RedaoSide observed = new Benchmarks.RedaoSide(bound);
            Benchmarks.RedaoSide plain = new Benchmarks.RedaoSide(none);
            int n = w.size;
            int[] probes = new Random(1).ints(n, 0, n).toArray();
            results.put(SAVE, Phase.interleaved(stats, n, 1, -1, i -> observed.save(w, i), i -> plain.save(w, i)));
            results.put(GET, Phase.interleaved(stats, n, 1, -1, i -> observed.get(probes[i]), i -> plain.get(probes[i])));
            results.put(GET_BY_EMAIL, Phase.interleaved(stats, n, 1, -1,
                    i -> observed.getByEmail(w, probes[i]), i -> plain.getByEmail(w, probes[i])));
            observed.clear();
            plain.clear();
        }
        return results;
    }
}
