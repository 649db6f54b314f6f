package dev.redao.benchmarks;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** The benchmark's model, as issue 7 describes it. */
@Model
public record User(
        @Id Long id,
        @Unique String email,
        @Indexed String country,
        @Indexed int age,
        String name,
        double score) {}
