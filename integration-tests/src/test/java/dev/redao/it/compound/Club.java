package dev.redao.it.compound;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;

/** What a {@link Player} belongs to; deleting it clears its players' reference. */
@Model(name = "cclub", group = "league")
public record Club(@Id Long id, String name) {}
