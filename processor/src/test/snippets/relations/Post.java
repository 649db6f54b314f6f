package shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.ManyToMany;
import dev.redao.annotations.Model;

@Model(group = "blog")
@ManyToMany(to = Tag.class, name = "tags")
public record Post(@Id Long id, String title) {}
