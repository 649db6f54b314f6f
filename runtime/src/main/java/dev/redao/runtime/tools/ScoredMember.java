package dev.redao.runtime.tools;

/** A sorted-set member with its score, as {@link Keyspace#zpopByRank} and {@link Keyspace#zpopByScore} return it. */
public record ScoredMember(String member, double score) {}
