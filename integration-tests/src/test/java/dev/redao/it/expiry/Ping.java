package dev.redao.it.expiry;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** A partitioned model whose objects expire: no unique field, so each purge stays in its partition. */
@Model(name = "ping", expiring = true, partitions = 4)
public record Ping(@Id Long id, @Indexed String host, @Indexed int latency) {}
