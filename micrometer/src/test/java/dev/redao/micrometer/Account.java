package dev.redao.micrometer;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import dev.redao.annotations.Version;

/** A model with a unique value and a version, so that a save can meet both refusals. */
@Model
public record Account(@Id Long id, @Unique String email, @Indexed String country, @Version long version) {
    public Account withCountry(String c) {
        return new Account(id, email, c, version);
    }
}
