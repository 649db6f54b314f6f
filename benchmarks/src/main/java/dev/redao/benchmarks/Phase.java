package dev.redao.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Runs one phase on both sides, interleaved: the calls are cut into slices, and the sides take
 * turns slice by slice (alternating which goes first), so that both meet the same moments of a
 * noisy 2-core machine (another process, a GC, the server's own housekeeping) instead of one side
 * running in a quiet second and the other in a busy one. Each side's time, latencies and Redis
 * work add up over its slices. A phase whose calls use no script counts every command as a round
 * trip; otherwise only EVALSHA/EVAL calls are round trips (the commands inside run on the server).
 */
final class Phase {
    static final int SLICES = 10;
    private static final Set<String> SCRIPT_CALLS = CommandStats.SCRIPT_CALLS;

    private final CommandStats stats;
    private final int unitsPerCall;
    private final double roundTripsPerCall;
    private final long[] latencies;
    private final Map<String, Long> delta = new HashMap<>();
    private int calls;
    private long nanos;

    private Phase(CommandStats stats, int totalCalls, int unitsPerCall, double roundTripsPerCall) {
        this.stats = stats;
        this.unitsPerCall = unitsPerCall;
        this.roundTripsPerCall = roundTripsPerCall;
        this.latencies = new long[totalCalls];
    }

    /**
     * Element 0 is Redao's measurement, element 1 the baseline's.
     *
     * @param baselineRoundTrips the baseline's round trips per call when known by construction (a
     *     pipeline), else -1 to count them
     */
    static Measurement[] interleaved(CommandStats stats, int calls, int unitsPerCall, double baselineRoundTrips,
                                     IntConsumer redao, IntConsumer baseline) {
        Phase r = new Phase(stats, calls, unitsPerCall, -1);
        Phase b = new Phase(stats, calls, unitsPerCall, baselineRoundTrips);
        int slices = Math.min(SLICES, calls);
        for (int s = 0; s < slices; s++) {
            int from = calls * s / slices;
            int to = calls * (s + 1) / slices;
            if (s % 2 == 0) {
                b.run(from, to, baseline);
                r.run(from, to, redao);
            } else {
                r.run(from, to, redao);
                b.run(from, to, baseline);
            }
        }
        return new Measurement[] {r.measurement(), b.measurement()};
    }

    private void run(int from, int to, IntConsumer call) {
        Map<String, Long> before = stats.snapshot();
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            long t = System.nanoTime();
            call.accept(i);
            latencies[calls++] = System.nanoTime() - t;
        }
        nanos += System.nanoTime() - start;
        CommandStats.delta(before, stats.snapshot()).forEach((name, n) -> delta.merge(name, n, Long::sum));
    }

    private Measurement measurement() {
        long all = delta.entrySet().stream()
                .filter(e -> !e.getKey().endsWith(CommandStats.USEC) && !e.getKey().startsWith(CommandStats.SERVER))
                .mapToLong(Map.Entry::getValue)
                .sum();
        long scripts = delta.entrySet().stream()
                .filter(e -> SCRIPT_CALLS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        // a script's time includes the commands it runs, which commandstats also counts apart
        long serverMicros = delta.entrySet().stream()
                .filter(e -> e.getKey().endsWith(CommandStats.USEC) && !e.getKey().startsWith(CommandStats.SERVER))
                .filter(e -> scripts == 0 || SCRIPT_CALLS.contains(e.getKey().substring(0, e.getKey().length() - CommandStats.USEC.length())))
                .mapToLong(Map.Entry::getValue)
                .sum();
        // the server that spent the most: on a cluster whose nodes have a core each, the call's critical path
        long busiest = 0;
        for (int i = 0; i < stats.servers(); i++) {
            busiest = Math.max(busiest, delta.getOrDefault(scripts > 0 ? CommandStats.scriptsOf(i) : CommandStats.commandsOf(i), 0L));
        }
        int units = calls * unitsPerCall;
        double roundTrips = roundTripsPerCall >= 0 ? roundTripsPerCall * calls : scripts > 0 ? scripts : all;
        return new Measurement(units, calls, nanos / 1e9, latencies, roundTrips / units, (double) all / units,
                (double) serverMicros / units, (double) busiest / units);
    }
}
