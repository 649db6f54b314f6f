package shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;

@Model
public record Session(@Id String id, Long customerId) {}
