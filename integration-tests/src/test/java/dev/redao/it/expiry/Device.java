package dev.redao.it.expiry;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

/** Deleted with its session, when the session is deleted or expires. */
@Model(name = "device", group = "auth")
public record Device(
        @Id Long id,
        @References(value = Session.class, onDelete = OnDelete.CASCADE) Long sessionId,
        @Indexed String name) {}
