package dev.redao.it.rel;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

/** Outlives its article: the reference is cleared, which is a change subscribers hear of. */
@Model(name = "comment", group = "news", events = true)
public record Comment(
        @Id Long id,
        @References(value = Article.class, onDelete = OnDelete.SET_NULL) Long articleId,
        String text) {}
