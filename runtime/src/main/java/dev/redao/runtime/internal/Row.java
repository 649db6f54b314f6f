package dev.redao.runtime.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.redao.runtime.CorruptValueException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The stored fields of one object, as HMGET returned them in {@link ModelSchema#fields()} order,
 * with a typed reader per field type. A value that does not decode raises
 * {@link CorruptValueException} naming the model, the key and the field; so does text that is no
 * UTF-8, rather than reading as U+FFFD. A missing primitive reads as Java's
 * default (0, false), so adding a field to a model leaves the objects stored before readable.
 */
public final class Row {
    private final ModelSchema<?> schema;
    private final String base;
    private final Json json;
    private final List<byte[]> values;
    /** Each structure field's content as read with the object, or null when they were not read. */
    private List<?> structures;

    Row(ModelSchema<?> schema, String base, Json json, List<byte[]> values) {
        this.schema = schema;
        this.base = base;
        this.json = json;
        this.values = values;
    }

    /** This row with its object's structures read in the same script, in the schema's order. */
    Row withStructures(List<?> contents) {
        this.structures = contents;
        return this;
    }

    /** The content of structure field {@code field} read with the object (raw), or null if it was not read. */
    List<?> structure(String field) {
        return structures == null ? null : (List<?>) structures.get(schema.structures().indexOf(field));
    }

    private <T> T decode(int field, Function<String, T> parser) {
        byte[] raw = values.get(field);
        if (raw == null) {
            return null;
        }
        String text = text(field, raw);
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw corrupt(field, text, e);
        }
    }

    /** The stored text, strictly UTF-8 (see {@link Utf8#decode}). */
    private String text(int field, byte[] raw) {
        try {
            return Utf8.decode(raw);
        } catch (IllegalArgumentException notUtf8) {
            throw corrupt(field, new String(raw, StandardCharsets.UTF_8), notUtf8);
        }
    }

    private CorruptValueException corrupt(int field, String text, Exception cause) {
        String id = values.get(0) == null ? "?" : new String(values.get(0), StandardCharsets.UTF_8);
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return new CorruptValueException(schema.name(), base + ":obj:" + id, schema.fields().get(field), shown, cause);
    }

    public String string(int field) {
        byte[] raw = values.get(field);
        return raw == null ? null : text(field, raw);
    }

    public byte[] bytes(int field) {
        return values.get(field);
    }

    public Long longBox(int field) {
        return decode(field, Long::valueOf);
    }

    public long longValue(int field) {
        Long v = longBox(field);
        return v == null ? 0L : v;
    }

    public Integer intBox(int field) {
        return decode(field, Integer::valueOf);
    }

    public int intValue(int field) {
        Integer v = intBox(field);
        return v == null ? 0 : v;
    }

    public Short shortBox(int field) {
        return decode(field, Short::valueOf);
    }

    public short shortValue(int field) {
        Short v = shortBox(field);
        return v == null ? 0 : v;
    }

    public Byte byteBox(int field) {
        return decode(field, Byte::valueOf);
    }

    public byte byteValue(int field) {
        Byte v = byteBox(field);
        return v == null ? 0 : v;
    }

    public Double doubleBox(int field) {
        return decode(field, Double::valueOf);
    }

    public double doubleValue(int field) {
        Double v = doubleBox(field);
        return v == null ? 0.0 : v;
    }

    public Float floatBox(int field) {
        return decode(field, Float::valueOf);
    }

    public float floatValue(int field) {
        Float v = floatBox(field);
        return v == null ? 0.0f : v;
    }

    public Boolean booleanBox(int field) {
        return decode(field, Row::parseBoolean);
    }

    public boolean booleanValue(int field) {
        Boolean v = booleanBox(field);
        return v != null && v;
    }

    public Character charBox(int field) {
        return decode(field, Row::parseChar);
    }

    public char charValue(int field) {
        Character v = charBox(field);
        return v == null ? '\0' : v;
    }

    public BigDecimal bigDecimal(int field) {
        return decode(field, BigDecimal::new);
    }

    public BigInteger bigInteger(int field) {
        return decode(field, BigInteger::new);
    }

    public UUID uuid(int field) {
        return decode(field, UUID::fromString);
    }

    public Instant instant(int field) {
        return decode(field, Instant::parse);
    }

    public LocalDate localDate(int field) {
        return decode(field, LocalDate::parse);
    }

    public LocalDateTime localDateTime(int field) {
        return decode(field, LocalDateTime::parse);
    }

    public LocalTime localTime(int field) {
        return decode(field, LocalTime::parse);
    }

    public Duration duration(int field) {
        return decode(field, Duration::parse);
    }

    /** An enum constant by name; generated code passes the enum's own {@code valueOf}. */
    public <E extends Enum<E>> E enumValue(int field, Function<String, E> valueOf) {
        return decode(field, valueOf);
    }

    public <T> T json(int field, TypeReference<T> type) {
        byte[] raw = values.get(field);
        if (raw == null) {
            return null;
        }
        try {
            return json.read(raw, type);
        } catch (Exception e) {
            throw corrupt(field, new String(raw, StandardCharsets.UTF_8), e);
        }
    }

    static Boolean parseBoolean(String text) {
        return switch (text) {
            case "1" -> Boolean.TRUE;
            case "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean (1 or 0)");
        };
    }

    static Character parseChar(String text) {
        if (text.length() != 1) {
            throw new IllegalArgumentException("not a single character");
        }
        return text.charAt(0);
    }
}
