package shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.ManyToMany;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** A record that invoices reference and that is linked to tags. */
@Model(group = "sales")
@ManyToMany(to = Tag.class, name = "tags")
public record Customer(@Id Long id, @Unique String code, @Indexed boolean active) {}
