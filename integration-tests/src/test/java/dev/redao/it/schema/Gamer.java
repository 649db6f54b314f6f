package dev.redao.it.schema;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Stored;
import dev.redao.annotations.Unique;

/**
 * A model whose fields were renamed in Java: {@code nickname} was {@code nick}, {@code email} was
 * {@code mail}; {@code @Stored} keeps the names the stored objects, indexes and unique entries use.
 */
@Model
public record Gamer(
        @Id Long id,
        @Stored("mail") @Unique String email,
        @Stored("nick") @Indexed(prefix = true) String nickname,
        @Indexed int level) {}
