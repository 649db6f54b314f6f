package dev.redao.it.rel;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

@Model(name = "tag", group = "blog")
public record Tag(@Id Long id, @Unique String name) {}
