package dev.redao.it.query;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** Many of these, with many equal values, for the large sort-and-page test. */
@Model(name = "qreading")
public record Reading(@Id Long id, @Indexed int bucket, @Indexed String sensor, Integer level, @Indexed Double value) {}
