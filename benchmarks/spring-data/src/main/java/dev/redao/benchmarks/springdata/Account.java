package dev.redao.benchmarks.springdata;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** The asynchronous comparison's model: the main benchmark's user (a unique email, two indexes). */
@Model(name = "account")
public record Account(@Id Long id, @Unique String email, @Indexed String country, @Indexed int age, String name) {}
