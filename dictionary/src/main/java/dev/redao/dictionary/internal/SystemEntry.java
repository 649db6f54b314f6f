package dev.redao.dictionary.internal;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;

/** A system of the dictionary, such as {@code CRM}; its name is its id. */
@Model(name = "dictionary_system", group = "dictionary")
public record SystemEntry(@Id String name) {}
