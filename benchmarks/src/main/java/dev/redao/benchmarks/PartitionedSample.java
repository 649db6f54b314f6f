package dev.redao.benchmarks;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/**
 * {@link Sample} spread over six partitions: a multiple of the benchmark cluster's three masters,
 * so that each master holds two of them (see {@code @Model(partitions)}). A short name of its own
 * (a model name is one model's), so that its keys are about as long as {@link Sample}'s.
 */
@Model(name = "psample", partitions = 6)
public record PartitionedSample(
        @Id Long id,
        @Indexed String country,
        @Indexed int age,
        String name,
        double score) {}
