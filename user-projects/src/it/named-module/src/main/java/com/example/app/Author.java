package com.example.app;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.ManyToMany;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import java.time.Instant;
import java.util.List;

/** A record with a unique, a value, a prefix and a range index, a JSON field, events and a link model. */
@Model(group = "library", events = true)
@ManyToMany(to = Genre.class, name = "genres")
public record Author(
        @Id Long id,
        @Unique String email,
        @Indexed(prefix = true) String country,
        @Indexed Instant joined,
        List<String> tags) {}
