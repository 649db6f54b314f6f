package dev.redao.it.query;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** A String id: id order is alphabetical. */
@Model(name = "qtag")
public record Tag(@Id String id, @Indexed String group, @Indexed int size, String label) {}
