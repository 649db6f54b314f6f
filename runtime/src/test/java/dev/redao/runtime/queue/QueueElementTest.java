package dev.redao.runtime.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code <id>:<delivery>:<json>} element of a queue, read the way the recovery script reads it. */
class QueueElementTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void headerAndBody() {
        QueueElement e = QueueElement.parse(b("42:3:{\"a\":\"x:1:y\"}"));
        assertEquals(42, e.id());
        assertEquals(3, e.delivery());
        assertEquals("42:3", s(e.handle()));
        assertEquals("{\"a\":\"x:1:y\"}", s(e.body()), "colons in the body are the body's");
        assertEquals("7:1:\"é\"", s(QueueElement.format(7, 1, b("\"é\""))));
        assertArrayEquals(b("9:2:[]"), QueueElement.parse(QueueElement.format(9, 2, b("[]"))).raw());
    }

    @Test
    void anEmptyBodyIsStillAnElementWithAHeader() {
        QueueElement e = QueueElement.parse(b("5:1:"));
        assertEquals(5, e.id());
        assertEquals("", s(e.body()));
    }

    @Test
    void withoutAHeaderTheWholeElementIsItsHandleAndBody() {
        for (String foreign : new String[] {"\"plain\"", "12:{}", ":1:{}", "1::{}", "a1:1:{}", "12", "", "1:1"}) {
            QueueElement e = QueueElement.parse(b(foreign));
            assertEquals(0, e.id(), foreign);
            assertEquals(0, e.delivery(), foreign);
            assertEquals(foreign, s(e.handle()), foreign);
            assertEquals(foreign, s(e.body()), foreign);
        }
    }

    @Test
    void hugeNumbersSaturateButTheHandleKeepsTheDigits() {
        QueueElement e = QueueElement.parse(b("99999999999999999999999:99999999999:x"));
        assertEquals(Long.MAX_VALUE, e.id());
        assertEquals(Integer.MAX_VALUE, e.delivery());
        assertEquals("99999999999999999999999:99999999999", s(e.handle()), "as Lua's pattern captures them");
    }
}
