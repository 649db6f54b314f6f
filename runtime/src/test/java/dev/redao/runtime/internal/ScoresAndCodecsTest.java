package dev.redao.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The text forms of stored values and of sorted-set scores. */
class ScoresAndCodecsTest {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void scoresOrderAsTheirValues() {
        assertEquals("1500.5", text(Scores.of(Instant.ofEpochSecond(1, 500_500_000))));
        assertEquals("19000", text(Scores.of(LocalDate.ofEpochDay(19000))));
        assertEquals(Long.toString(LocalTime.NOON.toNanoOfDay()), text(Scores.of(LocalTime.NOON)));
        assertEquals("90.25", text(Scores.of(Duration.ofSeconds(90, 250_000_000))));
        assertEquals("-7", text(Scores.of(-7)));
        assertNull(Scores.of((Integer) null));
    }

    @Test
    void nanHasNoScoreAndSubnormalsScoreAsTheSmallestNormal() {
        assertSame(Scores.INVALID, Scores.of(Double.NaN));
        assertEquals(Double.toString(Double.MIN_NORMAL), text(Scores.of(Double.MIN_VALUE)));
        assertEquals(Double.toString(-Double.MIN_NORMAL), text(Scores.of(-Double.MIN_VALUE)));
        assertEquals("0.0", text(Scores.of(0.0)));
    }

    @Test
    void stringsAreUtf8AndUnpairedSurrogatesAreRefused() {
        assertArrayEquals("é😀".getBytes(StandardCharsets.UTF_8), Codecs.encode("é😀"));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Codecs.encode("a\uDC00"));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> Codecs.encode('\uD800'));
        e = assertThrows(InvalidArgumentException.class, () -> Codecs.utf8("ab\uD800", "prefix", "startsWith on field 'name'"));
        assertEquals("prefix", e.argument());
        assertTrue(e.getMessage().startsWith("startsWith on field 'name': prefix is text with an unpaired surrogate (\\ud800 at index 2)"),
                e.getMessage());
        assertEquals(-1, Codecs.unpairedSurrogate("é😀"));
        assertEquals(0, Codecs.unpairedSurrogate("\uDE00\uD83D"), "a pair the wrong way round is two unpaired surrogates");
        assertEquals("a\\u0000b\\ud800😀", Codecs.printable("a\0b\uD800😀"));
        assertEquals("1", text(Codecs.encode(true)));
        assertNull(Codecs.encode((String) null));
    }
}
