package shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import java.util.List;

/** The README's quick-start model. */
@Model
public record User(@Id Long id, @Unique String email, @Indexed String country, @Indexed int age, String name, List<String> tags) {}
