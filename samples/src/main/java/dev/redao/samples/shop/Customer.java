package dev.redao.samples.shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import java.time.Instant;
import java.util.List;

/** A shop's customer: one account per email address, looked up by country. */
@Model
public record Customer(
        @Id Long id,
        @Unique String email,
        @Indexed String country,
        String name,
        List<String> tags,
        Instant joinedAt) {}
