package dev.redao.it.query;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** A String id: id order is alphabetical. Its group has a prefix index. */
@Model(name = "qtag")
public record Tag(@Id String id, @Indexed(prefix = true) String group, @Indexed int size, String label) {}
