package shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import java.time.Instant;
import java.util.List;

/** A record with every kind of index, a JSON field and change events. */
@Model(events = true)
public record User(
        @Id Long id,
        @Unique String email,
        @Indexed(prefix = true) String country,
        @Indexed int age,
        @Indexed Instant joined,
        String name,
        List<String> tags) {}
