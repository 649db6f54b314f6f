package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** {@link Meter} without partitions: what the partitioned model's queries must answer alike. */
@Model
public record PlainMeter(
        @Id Long id,
        @Indexed(prefix = true) String sensor,
        @Indexed Double value,
        @Indexed int hour,
        String note) {}
