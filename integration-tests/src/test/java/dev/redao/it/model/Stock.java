package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** A model with change events: a unique field, an indexed one, and two plain ones. */
@Model(events = true)
public record Stock(
        @Id Long id,
        @Unique String sku,
        @Indexed String warehouse,
        int quantity,
        String note) {

    public Stock withQuantity(int q) {
        return new Stock(id, sku, warehouse, q, note);
    }

    public Stock withNote(String n) {
        return new Stock(id, sku, warehouse, quantity, n);
    }

    public Stock withSku(String s) {
        return new Stock(id, s, warehouse, quantity, note);
    }
}
