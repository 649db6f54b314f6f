package dev.redao.runtime.structure;

import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.Transaction;
import dev.redao.runtime.internal.ElementCodec;
import dev.redao.runtime.internal.StructureAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list an object owns (a Redis list): items appended, taken from either end, read by range and
 * trimmed, each call one script. Writes need the object to exist.
 *
 * @param <E> the item type
 */
public final class RedisList<E> extends Structure {
    private final ElementCodec<E> codec;

    /** For generated code: the list of one object. */
    public RedisList(StructureAccess access, ElementCodec<E> codec) {
        super(access);
        this.codec = codec;
    }

    /**
     * Appends items at the end, in order.
     *
     * @return the list's length after the push
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    @SafeVarargs
    public final long push(E... items) {
        return (Long) access.write("RPUSH", encodeAll(codec, items, "push"));
    }

    /**
     * Puts items at the front, in order: the last given ends up first, as with {@code LPUSH}.
     *
     * @return the list's length after the push
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    @SafeVarargs
    public final long pushFront(E... items) {
        return (Long) access.write("LPUSH", encodeAll(codec, items, "pushFront"));
    }

    /**
     * Appends items at the end when {@code transaction} commits, in its script: after every check
     * of the transaction, and only if the object exists once its writes are done.
     *
     * @throws MissingObjectException from the commit, if the object does not exist then: nothing
     *     of the transaction was written
     */
    @SafeVarargs
    public final void push(Transaction transaction, E... items) {
        access.writeIn(transaction, "RPUSH", encodeAll(codec, items, "push"));
    }

    /**
     * Removes and returns the first item, if any.
     *
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    public Optional<E> popFirst() {
        return Optional.ofNullable(decoded(access.write("LPOP", List.of())));
    }

    /**
     * Removes and returns the last item, if any.
     *
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    public Optional<E> popLast() {
        return Optional.ofNullable(decoded(access.write("RPOP", List.of())));
    }

    /**
     * The items from index {@code start} to {@code stop}, both included; negative indexes count
     * from the end ({@code -1} is the last), as in {@code LRANGE}.
     */
    public List<E> range(long start, long stop) {
        List<?> raw = (List<?>) access.read("LRANGE", List.of(number(start), number(stop)));
        List<E> items = new ArrayList<>(raw.size());
        raw.forEach(item -> items.add(access.decode(codec, item)));
        return items;
    }

    /** Every item, in order. */
    public List<E> items() {
        return range(0, -1);
    }

    /**
     * Keeps only the items from {@code start} to {@code stop}, both included (as {@code LTRIM}):
     * {@code trim(-100, -1)} keeps the last 100.
     *
     * @throws MissingObjectException if the object does not exist: nothing was written
     */
    public void trim(long start, long stop) {
        access.write("LTRIM", List.of(number(start), number(stop)));
    }

    /**
     * The items read with the object by {@code getWithStructures}, in the same script as the
     * object; empty when the object was loaded otherwise (then call {@link #items()}).
     */
    public Optional<List<E>> loaded() {
        List<?> raw = access.loaded();
        if (raw == null) {
            return Optional.empty();
        }
        List<E> items = new ArrayList<>(raw.size());
        raw.forEach(item -> items.add(access.decode(codec, item)));
        return Optional.of(items);
    }

    /** The number of items. */
    public long size() {
        return (Long) access.read("LLEN", List.of());
    }

    private E decoded(Object raw) {
        return raw instanceof byte[] ? access.decode(codec, raw) : null;
    }
}
