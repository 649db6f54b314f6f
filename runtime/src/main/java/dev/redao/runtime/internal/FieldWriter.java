package dev.redao.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.redao.runtime.InvalidArgumentException;

/**
 * Collects the encoded fields of one object on its way to the save script. Generated code calls
 * it once per stored field, by the field's position in {@link ModelSchema#fields()}.
 */
public final class FieldWriter {
    private final ModelSchema<?> schema;
    private final Json json;
    final byte[][] values;
    final byte[][] scores;
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
    }

    /** A field with no sorted index; null leaves it out of the hash. */
    public void put(int field, byte[] value) {
        values[field] = value;
        lastPut = field;
    }

    /** A field with a sorted index and its score (see {@link Scores}). */
    public void put(int field, byte[] value, byte[] score) {
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
