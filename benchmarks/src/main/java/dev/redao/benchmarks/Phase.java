package dev.redao.benchmarks;

import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Runs one phase on one side: times each call, and counts what Redis did. A phase whose calls
 * use no script counts every command as a round trip; otherwise only EVALSHA/EVAL calls are
 * round trips (the commands inside run on the server).
 */
final class Phase {
    private static final Set<String> SCRIPT_CALLS = Set.of("evalsha", "eval", "evalsha_ro", "eval_ro");

    private Phase() {}

    static Measurement run(CommandStats stats, int calls, int unitsPerCall, IntConsumer call) {
        return run(stats, calls, unitsPerCall, -1, call);
    }

    /** @param roundTripsPerCall when known by construction (a pipeline), else -1 to count */
    static Measurement run(CommandStats stats, int calls, int unitsPerCall, double roundTripsPerCall, IntConsumer call) {
        Map<String, Long> before = stats.snapshot();
        long[] latencies = new long[calls];
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            call.accept(i);
            latencies[i] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> delta = CommandStats.delta(before, stats.snapshot());
        long all = delta.entrySet().stream()
                .filter(e -> !e.getKey().endsWith(CommandStats.USEC))
                .mapToLong(Map.Entry::getValue)
                .sum();
        long scripts = delta.entrySet().stream()
                .filter(e -> SCRIPT_CALLS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        // a script's time includes the commands it runs, which commandstats also counts apart
        long serverMicros = delta.entrySet().stream()
                .filter(e -> e.getKey().endsWith(CommandStats.USEC))
                .filter(e -> scripts == 0 || SCRIPT_CALLS.contains(e.getKey().substring(0, e.getKey().length() - CommandStats.USEC.length())))
                .mapToLong(Map.Entry::getValue)
                .sum();
        int units = calls * unitsPerCall;
        double roundTrips = roundTripsPerCall >= 0 ? roundTripsPerCall * calls : scripts > 0 ? scripts : all;
        return new Measurement(units, calls, seconds, latencies, roundTrips / units, (double) all / units,
                (double) serverMicros / units);
    }
}
