package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import dev.redao.annotations.Version;

/** A partitioned model with two unique fields, whose values are claimed across partitions. */
@Model(partitions = 4)
public record Login(
        @Id Long id,
        @Unique String email,
        @Unique String nick,
        @Indexed String country,
        @Version long version) {

    public Login withEmail(String e) {
        return new Login(id, e, nick, country, version);
    }
}
