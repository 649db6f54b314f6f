package dev.redao.it.rel;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;

/** Change events through references: deleting an author deletes their articles. */
@Model(name = "author", group = "news", events = true)
public record Author(@Id Long id, String name) {}
