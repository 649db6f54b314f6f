package dev.redao.it.query;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import java.util.UUID;

/** A UUID id, and a unique field without an index. */
@Model(name = "qtoken")
public record Token(@Id UUID id, @Indexed String owner, @Indexed long n, @Unique String secret) {}
