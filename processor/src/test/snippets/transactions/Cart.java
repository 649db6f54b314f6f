package shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import java.util.List;

@Model
public record Cart(@Id Long id, List<Long> productIds) {}
