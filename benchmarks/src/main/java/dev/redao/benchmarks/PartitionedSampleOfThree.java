package dev.redao.benchmarks;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/**
 * {@link Sample} spread over three partitions, one per master of the benchmark cluster: the page
 * query's fan-out with a partition per master, against {@link PartitionedSample}'s two per master.
 */
@Model(name = "p3sample", partitions = 3)
public record PartitionedSampleOfThree(
        @Id Long id,
        @Indexed String country,
        @Indexed int age,
        String name,
        double score) {}
