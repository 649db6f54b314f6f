package dev.redao.it.rel;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;
import dev.redao.annotations.Version;

/** Outlives its author: the reference is cleared, and the version moves. */
@Model(name = "review", group = "shop")
public record Review(
        @Id Long id,
        @References(value = Customer.class, onDelete = OnDelete.SET_NULL) Long authorId,
        String text,
        @Version long version) {}
