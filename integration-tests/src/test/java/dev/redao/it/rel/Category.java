package dev.redao.it.rel;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

/** A tree: deleting a category deletes everything below it. */
@Model(name = "category")
public record Category(
        @Id Long id,
        @References(value = Category.class, onDelete = OnDelete.CASCADE) Long parentId,
        @Indexed String name) {}
