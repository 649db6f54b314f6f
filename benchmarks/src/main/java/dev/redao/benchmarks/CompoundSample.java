package dev.redao.benchmarks;

import dev.redao.annotations.Id;
import dev.redao.annotations.Index;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/**
 * {@link Sample} with a compound index of country and age: the page query "country = X by age"
 * reads that country's sorted set alone, and each write that changes either field keeps one more
 * entry. A short name of its own, so that its keys are about as long as {@link Sample}'s.
 */
@Model(name = "csample", indexes = @Index({"country", "age"}))
public record CompoundSample(
        @Id Long id,
        @Indexed String country,
        @Indexed int age,
        String name,
        double score) {}
