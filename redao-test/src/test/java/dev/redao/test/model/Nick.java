package dev.redao.test.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** A partitioned model with String ids, which go to the partition of their text's CRC16 (even "42"). */
@Model(partitions = 3)
public record Nick(@Id String id, @Unique String name) {}
