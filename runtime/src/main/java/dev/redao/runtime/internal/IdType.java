package dev.redao.runtime.internal;

import dev.redao.runtime.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import redis.clients.jedis.util.JedisClusterCRC16;

/** How a model's id is written in keys and read back, and who assigns a missing one. */
public abstract class IdType<ID> {
    public static final IdType<Long> LONG = new IdType<>(Long.toString(Long.MAX_VALUE)) {
        @Override
        public Long decode(String text) {
            return Long.valueOf(text);
        }
    };
    public static final IdType<Integer> INTEGER = new IdType<>(Integer.toString(Integer.MAX_VALUE)) {
        @Override
        public Integer decode(String text) {
            return Integer.valueOf(text);
        }
    };
    public static final IdType<String> STRING = new IdType<>("") {
        @Override
        public String decode(String text) {
            return text;
        }

        /**
         * Refuses an id Redao cannot store as it is: a NUL separates a value from its id in a
         * prefix index's members, so an id holding one would be read back as the text after its
         * last NUL; an unpaired surrogate has no UTF-8 form, and would become {@code '?'}, the id
         * of another object.
         */
        @Override
        public void check(String id) {
            int nul = id.indexOf('\0');
            if (nul >= 0) {
                throw new InvalidArgumentException("id", "id '" + Codecs.printable(id) + "' holds a NUL character (at index "
                        + nul + "), which Redao's indexes put between a value and its id: a String id cannot hold one");
            }
            int surrogate = Codecs.unpairedSurrogate(id);
            if (surrogate >= 0) {
                throw new InvalidArgumentException("id", "id '" + Codecs.printable(id) + "' is "
                        + Codecs.withoutUtf8Form(id, surrogate));
            }
        }

        @Override
        public String encode(String id) {
            check(id);
            return id;
        }

        @Override
        String newId() {
            return UUID.randomUUID().toString();
        }
    };
    public static final IdType<UUID> UUID_TYPE = new IdType<>("") {
        @Override
        public UUID decode(String text) {
            return UUID.fromString(text);
        }

        @Override
        UUID newId() {
            return UUID.randomUUID();
        }
    };

    /** The largest id the server may assign, as decimal text; empty for ids the client assigns. */
    private final String largestAssigned;

    private IdType(String largestAssigned) {
        this.largestAssigned = largestAssigned;
    }

    /** Numeric ids come from the model's counter, inside the save script (and order as numbers). */
    public boolean assignedByServer() {
        return !largestAssigned.isEmpty();
    }

    /** The largest id the server may assign, as decimal text; empty for ids the client assigns. */
    String largestAssigned() {
        return largestAssigned;
    }

    /** A fresh id for a new object, for the types the client assigns. */
    ID newId() {
        throw new UnsupportedOperationException("the server assigns numeric ids");
    }

    /**
     * The partition of {@code partitions} that holds the object with this id: a numeric id names
     * it, {@code id mod partitions} (see common.lua's idOfCount); any other id is spread by the
     * CRC16 of its text, as Redis Cluster spreads keys.
     */
    int partitionOf(ID id, int partitions) {
        if (id instanceof Number n) {
            return (int) Math.floorMod(n.longValue(), (long) partitions);
        }
        return JedisClusterCRC16.getCRC16(encodeBytes(id)) % partitions;
    }

    public abstract ID decode(String text);

    /** Refuses an id that cannot be stored ({@link dev.redao.runtime.InvalidArgumentException}); numbers and UUIDs always can. */
    public void check(ID id) {}

    public String encode(ID id) {
        return id.toString();
    }

    /** @throws IllegalArgumentException for bytes that are no UTF-8 (see {@link Utf8}) or no id of this type */
    public ID decode(byte[] bytes) {
        return decode(Utf8.decode(bytes));
    }

    byte[] encodeBytes(ID id) {
        return encode(id).getBytes(StandardCharsets.UTF_8);
    }
}
