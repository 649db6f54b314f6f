package dev.redao.it.rel;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;
import dev.redao.annotations.Unique;

/** Deleted with its order, and so with the order's customer. */
@Model(name = "line", group = "shop")
public record OrderLine(
        @Id Long id,
        @References(value = Order.class, onDelete = OnDelete.CASCADE) Long orderId,
        @Unique String sku,
        int quantity) {}
