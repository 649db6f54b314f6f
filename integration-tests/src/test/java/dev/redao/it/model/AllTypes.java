package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Every supported field type, primitives and boxes, a few of them indexed. */
@Model(name = "alltypes")
public record AllTypes(
        @Id Long id,
        @Indexed String text,
        @Indexed boolean flag,
        Boolean flagBox,
        char letter,
        Character letterBox,
        byte tiny,
        Byte tinyBox,
        short small,
        Short smallBox,
        @Indexed int count,
        Integer countBox,
        long big,
        Long bigBox,
        float ratioF,
        Float ratioFBox,
        @Indexed double ratio,
        Double ratioBox,
        @Indexed BigDecimal amount,
        BigInteger huge,
        @Indexed Color color,
        @Indexed UUID ref,
        @Indexed Instant at,
        @Indexed LocalDate day,
        @Indexed LocalDateTime when,
        @Indexed LocalTime time,
        @Indexed Duration length,
        byte[] blob,
        List<String> tags,
        Map<String, Integer> counts,
        Dimensions dims) {

    /** An object with the id and every other reference field null, every primitive 0/false. */
    public static AllTypes empty(Long id) {
        return new AllTypes(id, null, false, null, '\0', null, (byte) 0, null, (short) 0, null, 0, null, 0L, null,
                0f, null, 0.0, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public AllTypes withText(String t) {
        return new AllTypes(id, t, flag, flagBox, letter, letterBox, tiny, tinyBox, small, smallBox, count, countBox,
                big, bigBox, ratioF, ratioFBox, ratio, ratioBox, amount, huge, color, ref, at, day, when, time, length,
                blob, tags, counts, dims);
    }

    public AllTypes withRatio(double r) {
        return new AllTypes(id, text, flag, flagBox, letter, letterBox, tiny, tinyBox, small, smallBox, count, countBox,
                big, bigBox, ratioF, ratioFBox, r, ratioBox, amount, huge, color, ref, at, day, when, time, length,
                blob, tags, counts, dims);
    }
}
