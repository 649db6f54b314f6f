package dev.redao.it.rel;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

/** A reference that may dangle (KEEP), in another group than its target. */
@Model(name = "visit")
public record Visit(
        @Id Long id,
        @References(value = Customer.class, onDelete = OnDelete.KEEP) Long customerId,
        String page) {}
