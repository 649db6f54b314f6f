package dev.redao.runtime.structure;

import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.Transaction;
import dev.redao.runtime.internal.ElementCodec;
import dev.redao.runtime.internal.StructureAccess;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A set an object owns (a Redis set): members added, removed and tested one call, one script at
 * a time. Writes need the object to exist.
 *
 * @param <E> the member type
 */
public final class RedisSet<E> extends Structure {
    private final ElementCodec<E> codec;

    /** For generated code: the set of one object. */
    public RedisSet(StructureAccess access, ElementCodec<E> codec) {
        super(access);
        this.codec = codec;
    }

    /**
     * Adds members.
     *
     * @return how many were not members yet
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    @SafeVarargs
    public final long add(E... members) {
        return (Long) access.write("SADD", encodeAll(codec, members, "add"));
    }

    /**
     * Adds members when {@code transaction} commits, in its script (see {@link RedisList#push(Transaction, Object[])}).
     *
     * @throws MissingObjectException from the commit, if the object does not exist then
     */
    @SafeVarargs
    public final void add(Transaction transaction, E... members) {
        access.writeIn(transaction, "SADD", encodeAll(codec, members, "add"));
    }

    /**
     * Removes members when {@code transaction} commits, in its script.
     *
     * @throws MissingObjectException from the commit, if the object does not exist then
     */
    @SafeVarargs
    public final void remove(Transaction transaction, E... members) {
        access.writeIn(transaction, "SREM", encodeAll(codec, members, "remove"));
    }

    /**
     * Removes members.
     *
     * @return how many were members
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    @SafeVarargs
    public final long remove(E... members) {
        return (Long) access.write("SREM", encodeAll(codec, members, "remove"));
    }

    /** Whether {@code member} is a member. */
    public boolean contains(E member) {
        return (Long) access.read("SISMEMBER", List.of(access.encode(codec, member, "member", "contains"))) == 1L;
    }

    /** Every member, in no particular order. */
    public Set<E> members() {
        List<?> raw = (List<?>) access.read("SMEMBERS", List.of());
        Set<E> members = new LinkedHashSet<>();
        raw.forEach(m -> members.add(access.decode(codec, m)));
        return members;
    }

    /** The members read with the object by {@code getWithStructures}; empty when it was loaded otherwise. */
    public Optional<Set<E>> loaded() {
        List<?> raw = access.loaded();
        if (raw == null) {
            return Optional.empty();
        }
        Set<E> members = new LinkedHashSet<>();
        raw.forEach(m -> members.add(access.decode(codec, m)));
        return Optional.of(members);
    }

    /** The number of members. */
    public long size() {
        return (Long) access.read("SCARD", List.of());
    }
}
