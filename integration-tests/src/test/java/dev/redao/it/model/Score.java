package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** A partitioned model ordered by a field, highest first: its pages merge in that order. */
@Model(partitions = 3, ordering = "-points")
public record Score(@Id Long id, @Indexed String game, Integer points) {}
