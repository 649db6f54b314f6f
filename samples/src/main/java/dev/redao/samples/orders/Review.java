package dev.redao.samples.orders;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

/** A review outlives its author: deleting the buyer clears authorId (SET_NULL) and keeps the text. */
@Model(group = "orders")
public record Review(
        @Id Long id,
        @References(value = Buyer.class, onDelete = OnDelete.SET_NULL) Long authorId,
        String text) {}
