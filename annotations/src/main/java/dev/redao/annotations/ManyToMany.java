package dev.redao.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Links this {@code @Model} to another one, many to many, through a generated link model. On
 * {@code Post}, {@code @ManyToMany(to = Tag.class, name = "tags")} generates, in {@code Post}'s
 * package, a record {@code PostTags} with the components {@code @Id String id},
 * {@code @References(value = Post.class, onDelete = OnDelete.CASCADE) Long postId} and
 * {@code @References(value = Tag.class, onDelete = OnDelete.CASCADE) Long tagId} (the ids' types
 * are the two models' id types), annotated {@code @Model(name = "<post's name>_tags",
 * group = "<post's group>")}, with {@code PostTags.of(postId, tagId)} and
 * {@code PostTags.idOf(postId, tagId)}; then, like for any model, {@code PostTagsDao} and
 * {@code PostTagsQuery}. The id is composed of both ids,
 * so a pair is linked at most once; deleting a post or a tag deletes its links in the same script.
 * The reference fields are named after the two types ({@code postId}, {@code tagId}), or
 * {@code fromId} and {@code toId} when both have the same simple name. Because the delete of
 * either side writes the link model, both models must share a {@code @Model(group)} and be
 * compiled together.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(ManyToMany.All.class)
public @interface ManyToMany {

    /** {@return the other model} */
    Class<?> to();

    /**
     * {@return the relation's name: letters, digits and '_', starting with a letter} The link model is
     * the model's simple name followed by this name capitalised ({@code PostTags}), and its key name
     * is the model's key name, '_' and this name ({@code post_tags}).
     */
    String name();

    /** Holds several {@code @ManyToMany} of one model; written by javac, not by hand. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.TYPE)
    @interface All {
        /** {@return the {@code @ManyToMany} annotations of the type} */
        ManyToMany[] value();
    }
}
