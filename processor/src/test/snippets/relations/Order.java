package shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

@Model(group = "shop")
public record Order(
        @Id Long id,
        @References(value = Customer.class, onDelete = OnDelete.CASCADE) Long customerId,
        @Indexed String status) {}
