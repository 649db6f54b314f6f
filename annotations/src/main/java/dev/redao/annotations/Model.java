package dev.redao.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record or a class as stored in Redis. The processor generates {@code <Model>Dao} and
 * {@code <Model>Query} in the same package.
 *
 * <p>Every key of the model lives under {@code {<namespace>:<name>}} (or
 * {@code {<namespace>:<group>}:<name>} with a {@link #group()}): the braces are a Redis Cluster
 * hash tag, so all keys of one model share a slot and every script stays legal on a cluster.
 * Without a namespace, {@code {<name>}}. A model with {@link #partitions()} has one such tag per
 * partition instead.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Model {

    /** {@return the model's key name; defaults to the simple name of the type in lower case} */
    String name() default "";

    /**
     * An implicit order for every query of the model: a numeric or temporal field's name, or
     * {@code "-field"} for descending order. The id set is then a sorted set scored by that field,
     * so unsorted queries come back in this order at no extra cost. Objects whose field is null
     * come last.
     *
     * @return the field to order by, {@code -} first for descending; empty for none
     */
    String ordering() default "";

    /**
     * {@return whether every committed save and delete publishes a change event on the model's channel
     * {@code {<namespace>:<name>}:events}, from inside its script, and the DAO gets {@code
     * subscribe(listener)}} Off by default: the event costs each write a PUBLISH, and a save of such a
     * model reads every stored field first (not only the indexed ones) to tell which ones changed.
     */
    boolean events() default false;

    /**
     * A hash tag shared with other models: with a group, the model's keys live under
     * {@code {<namespace>:<group>}:<name>} instead of {@code {<namespace>:<name>}}, so every model of
     * the group sits in one cluster slot and one script may write several of them (references
     * with cascades, transactions, related loads). Empty: the model is its own group.
     *
     * @return the group's name; empty for none
     */
    String group() default "";

    /**
     * {@return how many hash tags the model's objects are spread over, by id} With N from 2 to 64,
     * each partition has a tag of its own and holds its objects and its own indexes under it, so that
     * on a Redis Cluster one model uses every master instead of the one that holds its slot. A write
     * of one object is still one script, in the object's partition; a query runs in every partition
     * and their results are merged. 1, the default, keeps every key of the model under one tag.
     *
     * <p>{@link Unique} values stay unique across every partition: each value's entry lives in the
     * partition of its hash, and a save claims it there before it writes the object, which costs
     * it two more round trips. An {@link #ordering()} orders each partition's id set, and the
     * partitions' pages are merged in that order. {@link #events()} are published on a channel per
     * partition, and {@code subscribe} listens to every one. A partitioned model spans many slots,
     * which rules out what needs it in one: a {@link #group()}; and, since they write both models
     * in one script, references into or out of it whose
     * {@link References#onDelete()} is not {@link OnDelete#KEEP}, and {@link ManyToMany} on
     * either side.
     */
    int partitions() default 1;

    /**
     * {@return how long an object lives after each save that gives it no time to live of its own,
     * as an ISO-8601 duration ({@code "PT30M"}, {@code "P1D"})} Empty, the default: the model's
     * objects expire only when {@link #expiring()} is on and a save or {@code expire} gives them a
     * time to live. At its deadline an object is gone for every read and write; its keys (hash,
     * index and unique entries, references and links) are deleted by the model's next writes, a few
     * at a time, or by {@code purgeExpired()}, with what its references' {@code onDelete} says.
     * A {@link #partitions() partitioned} model with a {@link Unique} field cannot expire, and no
     * {@link References} with {@link OnDelete#RESTRICT} may point at a model whose objects expire.
     */
    String ttl() default "";

    /**
     * {@return whether the model's objects may expire} On with a {@link #ttl()}. Without one, an
     * object expires only when {@code save(object, ttl)} or {@code expire(id, ttl)} gives it a time
     * to live. Off by default: a model whose objects may expire pays for it on every call (its
     * reads look at the deadlines, its writes purge what has expired).
     */
    boolean expiring() default false;

    /**
     * {@return the model's compound sorted indexes}, for example {@code @Model(indexes =
     * @Index({"country", "age"}))}: see {@link Index}. None by default.
     */
    Index[] indexes() default {};
}
