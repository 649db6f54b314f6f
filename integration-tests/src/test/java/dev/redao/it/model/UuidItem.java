package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import java.util.UUID;

/** A UUID id: a missing one becomes a random UUID. */
@Model(name = "uuiditem")
public record UuidItem(@Id UUID id, @Indexed String label) {}
