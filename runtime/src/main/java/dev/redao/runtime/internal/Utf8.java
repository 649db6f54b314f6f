package dev.redao.runtime.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Stored text read back strictly: bytes that are no UTF-8 are an error, not U+FFFD. Redao writes
 * only UTF-8 (see {@link Codecs#encode(String)}), so such bytes were written by hand or by another
 * program, and reading them as U+FFFD would hand the caller a value that was never stored.
 */
public final class Utf8 {
    private Utf8() {}

    /**
     * The text of {@code raw}. The JDK's decoding is fast and replaces what is no UTF-8 with
     * U+FFFD, so only a text that holds U+FFFD is decoded again, strictly; for ASCII and Latin-1
     * text (stored compactly) that check costs nothing, for other text one scan.
     *
     * @throws IllegalArgumentException if {@code raw} is no UTF-8, saying where
     */
    public static String decode(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            String problem = problem(raw);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        return text;
    }

    /** What makes {@code raw} no UTF-8, or null if it is UTF-8. */
    static String problem(byte[] raw) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(raw.length), true);
        if (!result.isError()) {
            result = decoder.flush(CharBuffer.allocate(1));
            if (!result.isError()) {
                return null;
            }
        }
        int at = in.position();
        int end = Math.min(raw.length, at + Math.max(1, result.length()));
        StringBuilder bytes = new StringBuilder(end - at > 1 ? "bytes" : "byte");
        for (int i = at; i < end; i++) {
            bytes.append(String.format(" 0x%02X", raw[i] & 0xff));
        }
        return "not UTF-8: " + bytes + " at offset " + at;
    }
}
