package dev.redao.it.rel;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

@Model(name = "article", group = "news", events = true)
public record Article(
        @Id Long id,
        @References(value = Author.class, onDelete = OnDelete.CASCADE) Long authorId,
        String title) {}
