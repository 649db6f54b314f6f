package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import java.util.UUID;

/** A partitioned model with client-assigned ids, spread by the CRC16 of the id. */
@Model(partitions = 4)
public record PageView(@Id UUID id, @Indexed String page, @Indexed long at) {}
