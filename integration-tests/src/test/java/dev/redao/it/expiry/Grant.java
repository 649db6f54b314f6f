package dev.redao.it.expiry;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

/** Loses its session when the session is deleted or expires. */
@Model(name = "grant", group = "auth")
public record Grant(
        @Id Long id,
        @References(value = Session.class, onDelete = OnDelete.SET_NULL) Long sessionId,
        @Indexed String scope) {}
