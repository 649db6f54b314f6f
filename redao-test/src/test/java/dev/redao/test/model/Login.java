package dev.redao.test.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** A partitioned model with two unique fields, whose entries live in the partitions of their values. */
@Model(partitions = 4)
public record Login(
        @Id Long id,
        @Unique String email,
        @Unique String nick,
        @Indexed String country) {}
