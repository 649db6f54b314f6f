package dev.redao.samples.orders;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

/**
 * A buyer bought some of an item. It goes with its buyer (CASCADE), and it keeps its item alive
 * (RESTRICT): an item that was bought cannot be deleted while its purchases exist.
 */
@Model(group = "orders")
public record Purchase(
        @Id Long id,
        @References(value = Buyer.class, onDelete = OnDelete.CASCADE) Long buyerId,
        // the type of a reference is the referenced model's id type: Item's id is its String SKU
        @References(value = Item.class, onDelete = OnDelete.RESTRICT) String sku,
        int quantity,
        @Indexed String status) {}
