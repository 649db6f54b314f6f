package dev.redao.it.expiry;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** Expires an hour after each save unless told otherwise; devices and grants refer to it. */
@Model(name = "session", group = "auth", ttl = "PT1H")
public record Session(
        @Id Long id,
        @Unique String token,
        @Indexed String user,
        @Indexed(prefix = true) String agent,
        @Indexed int hits) {}
