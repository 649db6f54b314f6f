package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Index;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** A partitioned model with a compound sorted index: each partition keeps its own compound keys. */
@Model(partitions = 4, indexes = @Index({"country", "age"}))
public record Voter(
        @Id Long id,
        @Indexed String country,
        @Indexed int age) {}
