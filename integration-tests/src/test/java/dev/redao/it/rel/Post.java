package dev.redao.it.rel;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.ManyToMany;
import dev.redao.annotations.Model;

/** Linked to tags through the generated link model PostTags. */
@Model(name = "post", group = "blog")
@ManyToMany(to = Tag.class, name = "tags")
public record Post(@Id Long id, String title, @Indexed String author) {}
