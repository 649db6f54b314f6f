package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** A partitioned model with server-assigned ids: a set index, a prefix index, sorted indexes. */
@Model(partitions = 6)
public record Meter(
        @Id Long id,
        @Indexed(prefix = true) String sensor,
        @Indexed Double value,
        @Indexed int hour,
        String note) {}
