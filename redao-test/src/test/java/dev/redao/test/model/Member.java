package dev.redao.test.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** Two unique fields, a set index with a prefix (lex) index and a sorted index. */
@Model
public record Member(
        @Id Long id,
        @Unique String email,
        @Unique String handle,
        @Indexed(prefix = true) String country,
        @Indexed int age,
        String name) {}
