package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import dev.redao.annotations.Version;

/** A record with a primitive {@code @Version}, a unique, a set (and lex) index and a sorted index. */
@Model
public record Account(
        @Id Long id,
        @Unique String email,
        @Indexed(prefix = true) String country,
        @Indexed int age,
        String name,
        @Version long version) {

    public Account withEmail(String e) {
        return new Account(id, e, country, age, name, version);
    }

    public Account withCountry(String c) {
        return new Account(id, email, c, age, name, version);
    }

    public Account withAge(int a) {
        return new Account(id, email, country, a, name, version);
    }

    public Account withName(String n) {
        return new Account(id, email, country, age, n, version);
    }

    public Account withVersion(long v) {
        return new Account(id, email, country, age, name, v);
    }
}
