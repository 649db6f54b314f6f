package shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

@Model(group = "shop")
public record Customer(@Id Long id, @Indexed String country, String name) {}
