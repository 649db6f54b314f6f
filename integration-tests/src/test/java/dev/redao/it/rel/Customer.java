package dev.redao.it.rel;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** The top of a three-level cascade: customer, order, order line. */
@Model(name = "customer", group = "shop")
public record Customer(@Id Long id, @Unique String email, @Indexed String country, String name) {}
