package dev.redao.test.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import java.time.LocalDate;
import java.util.List;

/**
 * Fields whose score is not their stored text: a float scores as the float widened to a double, a
 * date as its epoch day. Its group puts its keys under the group's hash tag.
 */
@Model(group = "lab")
public record Reading(@Id Long id, @Indexed float value, @Indexed LocalDate day, List<String> notes) {}
