package dev.redao.runtime.structure;

/**
 * A member of a {@link RedisSortedSet} with its score.
 *
 * @param member the member
 * @param score its score
 * @param <E> the member type
 */
public record Scored<E>(E member, double score) {}
