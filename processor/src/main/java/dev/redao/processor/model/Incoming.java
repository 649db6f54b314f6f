package dev.redao.processor.model;

import com.palantir.javapoet.ClassName;
import dev.redao.annotations.OnDelete;

/**
 * A reference that another model (or the model itself) holds to a model, as the referenced
 * model's schema lists it.
 *
 * @param dao the referencing model's DAO, whose {@code SCHEMA} the runtime reads
 * @param field the reference field's name in the referencing model
 * @param onDelete what deleting a referenced object does to the objects that reference it
 */
public record Incoming(ClassName dao, String field, OnDelete onDelete) {}
