package dev.redao.runtime.internal;

import dev.redao.annotations.OnDelete;
import java.util.function.Supplier;

/**
 * A {@code @References} field of another model (or of the same one) that points at this model,
 * and what deleting the referenced object does to the objects holding it. Generated into the
 * referenced model's schema; the referencing schema is supplied lazily, because two models that
 * reference each other (or a model that references itself) initialise their schemas in turn.
 *
 * @param from the referencing model's schema
 * @param field the reference field's name in that model
 * @param onDelete what a delete of the referenced object does to the referencing objects
 */
public record IncomingReference(Supplier<ModelSchema<?>> from, String field, OnDelete onDelete) {}
