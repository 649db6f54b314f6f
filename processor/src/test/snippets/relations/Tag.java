package shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

@Model(group = "blog")
public record Tag(@Id Long id, @Unique String name) {}
