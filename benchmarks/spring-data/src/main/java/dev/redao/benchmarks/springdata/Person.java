package dev.redao.benchmarks.springdata;

import dev.redao.annotations.Id;
import dev.redao.annotations.Index;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** Redao's side: a person indexed by country and age, with a compound index of both. */
@Model(name = "person", indexes = @Index({"country", "age"}))
public record Person(@Id Long id, @Indexed String country, @Indexed int age, String name) {}
