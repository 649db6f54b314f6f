package dev.redao.samples.orders;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** A label such as "gift" or "sale", put on items through the link model {@link ItemLabels}. */
@Model(group = "orders")
public record Label(@Id Long id, @Unique String name) {}
