package dev.redao.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Stored text is read strictly: what is no UTF-8 is an error that says where, never U+FFFD. */
class Utf8Test {
    private static String problem(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return assertThrows(IllegalArgumentException.class, () -> Utf8.decode(raw)).getMessage();
    }

    @Test
    void utf8ReadsAsItIs() {
        for (String text : new String[] {"", "ascii", "Zürich", "日本", "\uD83D\uDE00", "a\uFFFDb", "\u0000"}) {
            assertEquals(text, Utf8.decode(text.getBytes(StandardCharsets.UTF_8)));
            assertNull(Utf8.problem(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void whatIsNoUtf8IsRefusedSayingWhere() {
        assertEquals("not UTF-8: byte 0xFF at offset 1", problem('B', 0xff, 'b'));
        assertEquals("not UTF-8: byte 0x80 at offset 0", problem(0x80));
        assertEquals("not UTF-8: byte 0xC0 at offset 0", problem(0xc0, 0xaf)); // an overlong '/'
        assertEquals("not UTF-8: bytes 0xED 0xA0 0x80 at offset 0", problem(0xed, 0xa0, 0x80)); // a surrogate
        assertEquals("not UTF-8: bytes 0xE2 0x82 at offset 1", problem('x', 0xe2, 0x82)); // cut short
        // one bad byte among valid text that holds U+FFFD itself
        assertEquals("not UTF-8: byte 0xFF at offset 3", problem(0xef, 0xbf, 0xbd, 0xff));
    }
}
