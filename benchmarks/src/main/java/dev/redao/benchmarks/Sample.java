package dev.redao.benchmarks;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/**
 * {@link PartitionedSample} without partitions: the side the partitioned model is measured
 * against. {@link User} without its {@code @Unique} email, which a partitioned model cannot have.
 */
@Model(name = "sample")
public record Sample(
        @Id Long id,
        @Indexed String country,
        @Indexed int age,
        String name,
        double score) {}
