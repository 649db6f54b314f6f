package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import dev.redao.annotations.Version;

/**
 * Every kind of key a save writes: two unique hashes, a set index with a prefix (lex) index, a
 * sorted index, an id set ordered by a field (highest rank first), and a version.
 */
@Model(ordering = "-rank")
public record Gadget(
        @Id Long id,
        @Unique String sku,
        @Unique String code,
        @Indexed(prefix = true) String color,
        @Indexed Integer size,
        Double rank,
        String note,
        @Version long version) {

    public Gadget withId(Long i) {
        return new Gadget(i, sku, code, color, size, rank, note, version);
    }

    public Gadget withVersion(long v) {
        return new Gadget(id, sku, code, color, size, rank, note, v);
    }
}
