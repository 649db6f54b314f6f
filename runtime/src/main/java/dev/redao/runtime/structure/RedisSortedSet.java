package dev.redao.runtime.structure;

import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.Transaction;
import dev.redao.runtime.internal.Codecs;
import dev.redao.runtime.internal.ElementCodec;
import dev.redao.runtime.internal.StructureAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A sorted set an object owns (a Redis sorted set): members with a score, such as a leaderboard,
 * read by rank or by score. Writes need the object to exist.
 *
 * @param <E> the member type
 */
public final class RedisSortedSet<E> extends Structure {
    private final ElementCodec<E> codec;

    /** For generated code: the sorted set of one object. */
    public RedisSortedSet(StructureAccess access, ElementCodec<E> codec) {
        super(access);
        this.codec = codec;
    }

    /**
     * Adds {@code member} with {@code score}, or gives a member its new score.
     *
     * @return whether it was not a member yet
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    public boolean add(E member, double score) {
        return (Long) access.write("ZADD", List.of(score(score, "score", access.call("add")),
                access.encode(codec, member, "member", "add"))) == 1L;
    }

    /**
     * Adds {@code member} with {@code score} when {@code transaction} commits, in its script (see
     * {@link RedisList#push(Transaction, Object[])}).
     *
     * @throws MissingObjectException from the commit, if the object does not exist then
     */
    public void add(Transaction transaction, E member, double score) {
        access.writeIn(transaction, "ZADD", List.of(score(score, "score", access.call("add")),
                access.encode(codec, member, "member", "add")));
    }

    /**
     * Removes {@code member}.
     *
     * @return whether it was a member
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    public boolean remove(E member) {
        return (Long) access.write("ZREM", List.of(access.encode(codec, member, "member", "remove"))) == 1L;
    }

    /** The score of {@code member}, if it is one. */
    public OptionalDouble score(E member) {
        Object raw = access.read("ZSCORE", List.of(access.encode(codec, member, "member", "score")));
        return raw instanceof byte[] text ? OptionalDouble.of(parsedScore(text)) : OptionalDouble.empty();
    }

    /** The rank of {@code member} from the lowest score (0 for the lowest), if it is one. */
    public OptionalLong rank(E member) {
        Object raw = access.read("ZRANK", List.of(access.encode(codec, member, "member", "rank")));
        return raw instanceof Long rank ? OptionalLong.of(rank) : OptionalLong.empty();
    }

    /**
     * The members from rank {@code start} to {@code stop}, both included, lowest score first;
     * negative ranks count from the end ({@code range(-10, -1)}: the top ten, lowest first).
     */
    public List<Scored<E>> range(long start, long stop) {
        return scored(access.read("ZRANGE", List.of(number(start), number(stop), Codecs.encode("WITHSCORES"))));
    }

    /** The members whose score lies between {@code min} and {@code max}, both included, lowest first. */
    public List<Scored<E>> rangeByScore(double min, double max) {
        String call = access.call("rangeByScore");
        return scored(access.read("ZRANGEBYSCORE", List.of(score(min, "min", call), score(max, "max", call),
                Codecs.encode("WITHSCORES"))));
    }

    /**
     * The members with their scores read with the object by {@code getWithStructures}, lowest
     * first; empty when it was loaded otherwise.
     */
    public Optional<List<Scored<E>>> loaded() {
        List<?> raw = access.loaded();
        return raw == null ? Optional.empty() : Optional.of(scored(raw));
    }

    /** The number of members. */
    public long size() {
        return (Long) access.read("ZCARD", List.of());
    }

    private List<Scored<E>> scored(Object reply) {
        List<?> raw = (List<?>) reply;
        List<Scored<E>> out = new ArrayList<>(raw.size() / 2);
        for (int i = 0; i + 1 < raw.size(); i += 2) {
            out.add(new Scored<>(access.decode(codec, raw.get(i)), parsedScore(raw.get(i + 1))));
        }
        return out;
    }
}
