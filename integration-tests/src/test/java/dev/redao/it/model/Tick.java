package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;

/** A partitioned model with change events: a channel per partition. */
@Model(partitions = 3, events = true)
public record Tick(@Id Long id, String label) {}
