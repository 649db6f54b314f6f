package dev.redao.processor.model;

import com.palantir.javapoet.ClassName;
import dev.redao.annotations.OnDelete;

/**
 * The target of a {@code @References} field: the referenced model as generated code and queries
 * need it.
 *
 * @param target the referenced model's class
 * @param targetName its key name ({@code @Model(name)} or the default)
 * @param targetGroup its {@code @Model(group)}, "" for none
 * @param targetOrdered whether it has a {@code @Model(ordering)} (its id set is a sorted set)
 * @param targetIdKind its id's type, which is the field's type
 * @param onDelete what deleting the referenced object does to the referencing one
 * @param targetPartitions its {@code @Model(partitions)}: a query cannot join a partitioned model
 */
public record Reference(
        ClassName target,
        String targetName,
        String targetGroup,
        boolean targetOrdered,
        IdKind targetIdKind,
        OnDelete onDelete,
        int targetPartitions) {}
