package dev.redao.samples.messaging;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

/**
 * A search keyword whose changes every process must hear about (Cauldron broadcasts its keyword
 * list this way): with {@code events = true}, each save and delete publishes a change event.
 */
@Model(events = true)
public record Keyword(
        @Id String word,
        @Indexed int weight,
        String category) {}
