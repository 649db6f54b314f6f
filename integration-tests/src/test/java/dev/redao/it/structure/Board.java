package dev.redao.it.structure;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;

/** What notebooks are pinned to: deleting a board deletes its notebooks (CASCADE), structures and all. */
@Model(group = "pinboard")
public record Board(@Id Long id, String name) {}
