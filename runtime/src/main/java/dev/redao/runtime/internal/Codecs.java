package dev.redao.runtime.internal;

import dev.redao.runtime.InvalidArgumentException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns field values into the bytes stored in a hash field, an index key or a unique hash. Every
 * value is text that redis-cli shows readably and that sorts and compares as Redis expects; a
 * null stays null (the field is not written). {@link Row} reads the same forms back.
 */
public final class Codecs {
    private static final byte[] TRUE = {'1'};
    private static final byte[] FALSE = {'0'};

    // One encoder per kind of value, for the query handles that generated code declares: a
    // reference to an overloaded method such as Codecs::encode makes javac resolve it against
    // every overload for each handle, which costs a model's compilation more than the rest of
    // its handles together.
    public static final Function<String, byte[]> STRING = Codecs::encode;
    public static final Function<Boolean, byte[]> BOOLEAN = Codecs::encode;
    public static final Function<Character, byte[]> CHAR = Codecs::encode;
    public static final Function<Enum<?>, byte[]> ENUM = Codecs::encode;
    public static final Function<UUID, byte[]> UUID_VALUE = Codecs::encode;
    public static final Function<Byte, byte[]> BYTE = Codecs::encode;
    public static final Function<Short, byte[]> SHORT = Codecs::encode;
    public static final Function<Integer, byte[]> INT = Codecs::encode;
    public static final Function<Long, byte[]> LONG = Codecs::encode;
    public static final Function<Float, byte[]> FLOAT = Codecs::encode;
    public static final Function<Double, byte[]> DOUBLE = Codecs::encode;
    public static final Function<BigDecimal, byte[]> BIG_DECIMAL = Codecs::encode;
    public static final Function<BigInteger, byte[]> BIG_INTEGER = Codecs::encode;
    public static final Function<Instant, byte[]> INSTANT = Codecs::encode;
    public static final Function<LocalDate, byte[]> LOCAL_DATE = Codecs::encode;
    public static final Function<LocalDateTime, byte[]> LOCAL_DATE_TIME = Codecs::encode;
    public static final Function<LocalTime, byte[]> LOCAL_TIME = Codecs::encode;
    public static final Function<Duration, byte[]> DURATION = Codecs::encode;

    private Codecs() {}

    /**
     * UTF-8; a string with an unpaired surrogate has no UTF-8 form and is refused, not mangled to
     * {@code '?'} as {@link String#getBytes} would: that would store or look up other text. The
     * message describes the text only; callers that know the field or argument name it (see
     * {@link #utf8}).
     */
    public static byte[] encode(String v) {
        return v == null ? null : utf8(v, UNNAMED_VALUE, null);
    }

    /** The argument {@link #encode(String)} names in its refusals, not knowing the field's name. */
    static final String UNNAMED_VALUE = "value";

    /**
     * The UTF-8 of {@code text}, or an {@link InvalidArgumentException} naming {@code argument}
     * and the call when it holds an unpaired surrogate.
     *
     * @param where the call as the message names it ({@code startsWith on field 'name'}); null for none
     */
    public static byte[] utf8(String text, String argument, String where) {
        int at = unpairedSurrogate(text);
        if (at >= 0) {
            throw new InvalidArgumentException(argument, (where == null ? "" : where + ": " + argument + " is ")
                    + withoutUtf8Form(text, at));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code text}, refused as {@link #utf8} refuses it: for text handed to Jedis as a String,
     * which would encode an unpaired surrogate as {@code '?'}.
     */
    public static String requireUtf8Form(String text, String argument, String where) {
        int at = unpairedSurrogate(text);
        if (at >= 0) {
            throw new InvalidArgumentException(argument, where + ": " + argument + " is " + withoutUtf8Form(text, at));
        }
        return text;
    }

    /** The index of the first unpaired surrogate of {@code text}, or -1: text has a UTF-8 form exactly when it has none. */
    public static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!(Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /** Why {@code text} cannot be sent, with the unpaired surrogate at {@code at}. */
    static String withoutUtf8Form(String text, int at) {
        return "text with an unpaired surrogate (\\u" + Integer.toHexString(text.charAt(at)) + " at index " + at
                + "), which has no UTF-8 form: it can be neither stored nor looked up";
    }

    /**
     * {@code text} for a message, with control characters and unpaired surrogates written as
     * {@code \\uXXXX} escapes, so that a NUL or a lone surrogate shows where it is.
     */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static byte[] encode(boolean v) {
        return v ? TRUE : FALSE;
    }

    public static byte[] encode(Boolean v) {
        return v == null ? null : encode(v.booleanValue());
    }

    public static byte[] encode(char v) {
        return encode(String.valueOf(v));
    }

    public static byte[] encode(Character v) {
        return v == null ? null : encode(v.charValue());
    }

    public static byte[] encode(long v) {
        return ascii(Long.toString(v));
    }

    public static byte[] encode(Long v) {
        return v == null ? null : encode(v.longValue());
    }

    public static byte[] encode(Integer v) {
        return v == null ? null : encode(v.longValue());
    }

    public static byte[] encode(Short v) {
        return v == null ? null : encode(v.longValue());
    }

    public static byte[] encode(Byte v) {
        return v == null ? null : encode(v.longValue());
    }

    public static byte[] encode(double v) {
        return ascii(Double.toString(v));
    }

    public static byte[] encode(Double v) {
        return v == null ? null : encode(v.doubleValue());
    }

    public static byte[] encode(float v) {
        return ascii(Float.toString(v));
    }

    public static byte[] encode(Float v) {
        return v == null ? null : encode(v.floatValue());
    }

    public static byte[] encode(BigDecimal v) {
        return v == null ? null : ascii(v.toString());
    }

    public static byte[] encode(BigInteger v) {
        return v == null ? null : ascii(v.toString());
    }

    public static byte[] encode(Enum<?> v) {
        return v == null ? null : encode(v.name());
    }

    public static byte[] encode(UUID v) {
        return v == null ? null : ascii(v.toString());
    }

    public static byte[] encode(Instant v) {
        return v == null ? null : ascii(v.toString());
    }

    public static byte[] encode(LocalDate v) {
        return v == null ? null : ascii(v.toString());
    }

    public static byte[] encode(LocalDateTime v) {
        return v == null ? null : ascii(v.toString());
    }

    public static byte[] encode(LocalTime v) {
        return v == null ? null : ascii(v.toString());
    }

    public static byte[] encode(Duration v) {
        return v == null ? null : ascii(v.toString());
    }

    /** byte[] fields are stored as they are: hash values are binary-safe. */
    public static byte[] encode(byte[] v) {
        return v;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
