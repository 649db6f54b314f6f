package dev.redao.benchmarks;

import java.util.Arrays;

/**
 * One side's run of one phase: throughput, latency percentiles, and the Redis work per operation
 * read from INFO commandstats before and after.
 *
 * @param units how many objects the phase handled (ops/s counts these)
 * @param calls how many calls were timed (one per batch in the batch phase)
 * @param roundTripsPerUnit client requests per object: EVALSHA calls, or commands for script-less phases
 * @param commandsPerUnit every command Redis ran per object, inside scripts included
 * @param serverMicrosPerUnit the time Redis spent per object (commandstats usec: a script's, or the commands')
 * @param busiestServerMicrosPerUnit the same on the server that spent the most (all of it on one server)
 */
record Measurement(int units, int calls, double seconds, long[] latenciesNanos,
                   double roundTripsPerUnit, double commandsPerUnit, double serverMicrosPerUnit,
                   double busiestServerMicrosPerUnit) {

    double opsPerSecond() {
        return units / seconds;
    }

    double percentileMicros(double p) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return sorted[index] / 1000.0;
    }
}
