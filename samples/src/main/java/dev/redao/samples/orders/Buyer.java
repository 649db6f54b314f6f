package dev.redao.samples.orders;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** Someone who buys: one account per email address, found by country. */
@Model(group = "orders")
public record Buyer(
        @Id Long id,
        @Unique String email,
        @Indexed String country,
        String name) {}
