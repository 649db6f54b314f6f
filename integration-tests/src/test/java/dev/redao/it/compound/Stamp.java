package dev.redao.it.compound;

import dev.redao.annotations.Id;
import dev.redao.annotations.Index;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** A compound index whose second field is a long: exact as a score only up to 2^53. */
@Model(name = "cstamp", indexes = @Index({"source", "at"}))
public record Stamp(@Id Long id, @Indexed String source, @Indexed long at) {}
