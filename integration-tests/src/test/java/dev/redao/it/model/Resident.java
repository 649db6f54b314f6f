package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Index;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/**
 * Two compound sorted indexes: per country, the residents by age, and by rank, which may be
 * absent (country may be too: such a resident is in neither).
 */
@Model(indexes = {@Index({"country", "age"}), @Index({"country", "rank"})})
public record Resident(
        @Id Long id,
        @Indexed String country,
        @Indexed int age,
        @Indexed Integer rank,
        String name) {

    public Resident withCountry(String c) {
        return new Resident(id, c, age, rank, name);
    }

    public Resident withAge(int a) {
        return new Resident(id, country, a, rank, name);
    }

    public Resident withRank(Integer r) {
        return new Resident(id, country, age, r, name);
    }
}
