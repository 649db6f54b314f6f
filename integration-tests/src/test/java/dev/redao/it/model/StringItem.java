package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** A String id: a missing one becomes a random UUID. */
@Model(name = "stringitem")
public record StringItem(@Id String id, @Unique String label) {}
