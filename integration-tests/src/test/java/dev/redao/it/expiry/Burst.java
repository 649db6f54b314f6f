package dev.redao.it.expiry;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** Lives a fifth of a second after each save: thousands of them expire while a test waits. */
@Model(name = "burst", ttl = "PT0.2S")
public record Burst(@Id Long id, @Unique String code, @Indexed String kind, @Indexed long at) {}
