package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** {@link Score} without partitions. */
@Model(ordering = "-points")
public record PlainScore(@Id Long id, @Indexed String game, Integer points) {}
