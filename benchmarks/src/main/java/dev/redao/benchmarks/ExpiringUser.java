package dev.redao.benchmarks;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** {@link User} with a time to live: what a model whose objects expire costs (see {@link ExpiryOverhead}). */
@Model(ttl = "PT1H")
public record ExpiringUser(
        @Id Long id,
        @Unique String email,
        @Indexed String country,
        @Indexed int age,
        String name,
        double score) {}
