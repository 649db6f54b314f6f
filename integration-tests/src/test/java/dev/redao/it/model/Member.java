package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** Two unique fields, a set index with a prefix (lex) index and a sorted index. */
@Model
public record Member(
        @Id Long id,
        @Unique String email,
        @Unique String handle,
        @Indexed(prefix = true) String country,
        @Indexed int age,
        String name) {

    public Member withEmail(String e) {
        return new Member(id, e, handle, country, age, name);
    }

    public Member withHandle(String h) {
        return new Member(id, email, h, country, age, name);
    }

    public Member withCountry(String c) {
        return new Member(id, email, handle, c, age, name);
    }

    public Member withAge(int a) {
        return new Member(id, email, handle, country, a, name);
    }

    public Member withId(Long i) {
        return new Member(i, email, handle, country, age, name);
    }
}
