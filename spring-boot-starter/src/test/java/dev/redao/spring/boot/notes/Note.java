package dev.redao.spring.boot.notes;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/** The tests' model: its DAO comes to the context through the catalog of the test classes. */
@Model
public record Note(@Id Long id, @Indexed String topic, String text) {}
