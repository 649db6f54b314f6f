package dev.redao.it.query;

import dev.redao.annotations.Id;
import dev.redao.annotations.Index;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The query tests' main model: one field per kind of index (set-indexed String with a prefix
 * index, enum, Boolean, Character and UUID; sorted Integer, long, Double, BigDecimal, Instant and
 * LocalDate), a unique field without an index, and unindexed fields that can only be sorted by or
 * loaded. Every reference field may be null. Compound indexes pair some of them, so that every
 * query test runs through them too.
 */
@Model(name = "qitem", indexes = {@Index({"shade", "rank"}), @Index({"name", "weight"}), @Index({"flag", "at"}),
        @Index({"ref", "qty"})})
public record Item(
        @Id Long id,
        @Indexed(prefix = true) String name,
        @Indexed Shade shade,
        @Indexed Boolean flag,
        @Indexed Character grade,
        @Indexed UUID ref,
        @Indexed Integer rank,
        @Indexed long qty,
        @Indexed Double weight,
        @Indexed BigDecimal price,
        @Indexed Instant at,
        @Indexed LocalDate day,
        @Unique String code,
        String note,
        Integer level,
        List<String> tags) {

    /** An item with a name and everything else null (qty 0). */
    public static Item named(String name) {
        return new Item(null, name, null, null, null, null, null, 0L, null, null, null, null, null, null, null, null);
    }

    public Item withId(Long newId) {
        return new Item(newId, name, shade, flag, grade, ref, rank, qty, weight, price, at, day, code, note, level, tags);
    }

    public Item withName(String v) {
        return new Item(id, v, shade, flag, grade, ref, rank, qty, weight, price, at, day, code, note, level, tags);
    }

    public Item withShade(Shade v) {
        return new Item(id, name, v, flag, grade, ref, rank, qty, weight, price, at, day, code, note, level, tags);
    }

    public Item withFlag(Boolean v) {
        return new Item(id, name, shade, v, grade, ref, rank, qty, weight, price, at, day, code, note, level, tags);
    }

    public Item withGrade(Character v) {
        return new Item(id, name, shade, flag, v, ref, rank, qty, weight, price, at, day, code, note, level, tags);
    }

    public Item withRef(UUID v) {
        return new Item(id, name, shade, flag, grade, v, rank, qty, weight, price, at, day, code, note, level, tags);
    }

    public Item withRank(Integer v) {
        return new Item(id, name, shade, flag, grade, ref, v, qty, weight, price, at, day, code, note, level, tags);
    }

    public Item withQty(long v) {
        return new Item(id, name, shade, flag, grade, ref, rank, v, weight, price, at, day, code, note, level, tags);
    }

    public Item withWeight(Double v) {
        return new Item(id, name, shade, flag, grade, ref, rank, qty, v, price, at, day, code, note, level, tags);
    }

    public Item withPrice(BigDecimal v) {
        return new Item(id, name, shade, flag, grade, ref, rank, qty, weight, v, at, day, code, note, level, tags);
    }

    public Item withAt(Instant v) {
        return new Item(id, name, shade, flag, grade, ref, rank, qty, weight, price, v, day, code, note, level, tags);
    }

    public Item withDay(LocalDate v) {
        return new Item(id, name, shade, flag, grade, ref, rank, qty, weight, price, at, v, code, note, level, tags);
    }

    public Item withCode(String v) {
        return new Item(id, name, shade, flag, grade, ref, rank, qty, weight, price, at, day, v, note, level, tags);
    }

    public Item withNote(String v) {
        return new Item(id, name, shade, flag, grade, ref, rank, qty, weight, price, at, day, code, v, level, tags);
    }

    public Item withLevel(Integer v) {
        return new Item(id, name, shade, flag, grade, ref, rank, qty, weight, price, at, day, code, note, v, tags);
    }

    public Item withTags(List<String> v) {
        return new Item(id, name, shade, flag, grade, ref, rank, qty, weight, price, at, day, code, note, level, v);
    }
}
