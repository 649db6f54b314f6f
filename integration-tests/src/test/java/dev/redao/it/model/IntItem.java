package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;

/** An Integer id, assigned by the server from the counter. */
@Model(name = "intitem")
public record IntItem(@Id Integer id, String label) {}
