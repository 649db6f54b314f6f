package dev.redao.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/**
 * A {@code @ManyToMany} of a model: the link model the processor generates as a source file, a
 * record with a composite id and a CASCADE reference to each side.
 *
 * @param type the link record, in the source model's package ({@code PostTags})
 * @param name its key name: the source's key name, '_' and the relation's name ({@code post_tags})
 * @param group the source's {@code @Model(group)}, which the target shares
 * @param source the model carrying {@code @ManyToMany}
 * @param sourceId the source's id type
 * @param sourceField the link's reference to the source ({@code postId}, or {@code fromId})
 * @param target the other model ({@code to})
 * @param targetId the target's id type
 * @param targetField the link's reference to the target ({@code tagId}, or {@code toId})
 */
public record Link(
        ClassName type,
        String name,
        String group,
        ClassName source,
        TypeName sourceId,
        String sourceField,
        ClassName target,
        TypeName targetId,
        String targetField) {

    /** The DAO the processor generates for the link model in the next round. */
    public ClassName daoName() {
        return ClassName.get(type.packageName(), type.simpleName() + "Dao");
    }
}
