package shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;

@Model(group = "sales")
public record Tag(@Id String name) {}
