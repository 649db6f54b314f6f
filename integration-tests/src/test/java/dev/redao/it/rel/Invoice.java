package dev.redao.it.rel;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;
import dev.redao.annotations.Unique;

/** Keeps its order alive: an order with an invoice cannot be deleted. */
@Model(name = "invoice", group = "shop")
public record Invoice(
        @Id String id,
        @References(value = Order.class, onDelete = OnDelete.RESTRICT) Long orderId,
        @Unique String number) {}
