package dev.redao.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.redao.runtime.InvalidArgumentException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;

/**
 * Collects the encoded fields of one object on its way to the save script. Generated code calls
 * it once per stored field, by the field's position in {@link ModelSchema#fields()}.
 */
public final class FieldWriter {
    private final ModelSchema<?> schema;
    private final Json json;
    final byte[][] values;
    final byte[][] scores;
    /** By position: whether the field has a sorted index or orders the model, and so a score. */
    private final boolean[] scored;
    /**
     * The last field put: generated code puts every stored field in order, so an error while it
     * encodes a value belongs to the field after this one.
     */
    private int lastPut;

    FieldWriter(ModelSchema<?> schema, Json json) {
        this.schema = schema;
        this.json = json;
        this.values = new byte[schema.fields().size()][];
        this.scores = new byte[schema.fields().size()][];
        this.scored = schema.scoredFields();
    }

    // One method per kind of value, named as Row's readers: generated code calls each with its
    // field's position and the value as the model holds it. None is overloaded, so javac resolves
    // each call at once; the encoding, and the score of a field that has a sorted index or orders
    // the model, are chosen here from the schema.

    public void string(int field, String v) {
        put(field, Codecs.encode(v));
    }

    public void bytes(int field, byte[] v) {
        put(field, Codecs.encode(v));
    }

    public void booleanValue(int field, boolean v) {
        put(field, Codecs.encode(v));
    }

    public void booleanBox(int field, Boolean v) {
        put(field, Codecs.encode(v));
    }

    public void charValue(int field, char v) {
        put(field, Codecs.encode(v));
    }

    public void charBox(int field, Character v) {
        put(field, Codecs.encode(v));
    }

    public void byteValue(int field, byte v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void byteBox(int field, Byte v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void shortValue(int field, short v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void shortBox(int field, Short v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void intValue(int field, int v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void intBox(int field, Integer v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void longValue(int field, long v) {
        put(field, Codecs.encode(v), scored[field] ? exactScore(field, v) : null);
    }

    public void longBox(int field, Long v) {
        put(field, Codecs.encode(v), scored[field] && v != null ? exactScore(field, v) : null);
    }

    /**
     * A long's score, which a double holds exactly only up to 2^53: a compound index's second
     * field must be ordered exactly (see ModelSchema.CompoundIndex), so a larger value is refused
     * there; a plain sorted index takes the rounded score (see Scores).
     */
    private byte[] exactScore(int field, long v) {
        if (schema.ordersCompoundIndex(field) && (v > 1L << 53 || v < -(1L << 53))) {
            throw new InvalidArgumentException("object", schema.name() + "." + schema.fields().get(field) + " = " + v
                    + " orders a compound index, whose scores are exact only up to 2^53 (9007199254740992) either side of 0");
        }
        return Scores.of(v);
    }

    public void floatValue(int field, float v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void floatBox(int field, Float v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void doubleValue(int field, double v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void doubleBox(int field, Double v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void bigDecimal(int field, BigDecimal v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void bigInteger(int field, BigInteger v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void enumValue(int field, Enum<?> v) {
        put(field, Codecs.encode(v));
    }

    public void uuid(int field, UUID v) {
        put(field, Codecs.encode(v));
    }

    public void instant(int field, Instant v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void localDate(int field, LocalDate v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void localDateTime(int field, LocalDateTime v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void localTime(int field, LocalTime v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    public void duration(int field, Duration v) {
        put(field, Codecs.encode(v), scored[field] ? Scores.of(v) : null);
    }

    /** A field with no order: null leaves it out of the hash. */
    private void put(int field, byte[] value) {
        values[field] = value;
        lastPut = field;
    }

    /** A field and its score, null where the schema keeps none. */
    private void put(int field, byte[] value, byte[] score) {
        if (score == Scores.INVALID) {
            throw new InvalidArgumentException("object", schema.name() + "." + schema.fields().get(field)
                    + " is indexed and cannot hold NaN: a sorted-set index has no place for it");
        }
        values[field] = value;
        scores[field] = score;
        lastPut = field;
    }

    /** The position of the field whose value was being encoded when the generated code threw. */
    int fieldBeingEncoded() {
        return lastPut + 1;
    }

    /** A field stored as JSON. */
    public void json(int field, Object value) {
        try {
            values[field] = json.write(value);
            lastPut = field;
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("object", "cannot encode " + schema.name() + "." + schema.fields().get(field)
                    + " as JSON: " + e.getOriginalMessage());
        }
    }
}
