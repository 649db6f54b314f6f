package dev.redao.it.query;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** An ascending implicit order on a field that has no index of its own. */
@Model(name = "qevent", ordering = "seq")
public record Event(@Id Long id, Long seq, @Indexed String kind) {}
