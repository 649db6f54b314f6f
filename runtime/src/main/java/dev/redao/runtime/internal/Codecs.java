package dev.redao.runtime.internal;

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

    /** UTF-8; a string with an unpaired surrogate has no UTF-8 form and is refused, not mangled to '?'. */
    public static byte[] encode(String v) {
        if (v == null) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1));
                if (!paired) {
                    throw new IllegalArgumentException("text with an unpaired surrogate (\\u"
                            + Integer.toHexString(c) + " at index " + i + ") has no UTF-8 form and cannot be stored");
                }
                i++;
            }
        }
        return v.getBytes(StandardCharsets.UTF_8);
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
