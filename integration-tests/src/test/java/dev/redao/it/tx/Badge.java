package dev.redao.it.tx;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** A model with a client-assigned String id, a unique code and a numeric reference to a player. */
@Model(name = "badge", group = "game")
public record Badge(
        @Id String id,
        @Unique String code,
        @Indexed Long playerId,
        String label) {}
