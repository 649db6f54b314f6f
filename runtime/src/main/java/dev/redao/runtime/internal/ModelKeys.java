package dev.redao.runtime.internal;

import java.nio.charset.StandardCharsets;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The key names of one model in one namespace (docs/design.md, "Key layout"). The base key
 * {@code {<namespace>:<model>}} is a Redis Cluster hash tag: every key of the model shares its slot.
 */
public final class ModelKeys {
    /** The slots of a Redis Cluster. */
    private static final int SLOTS = 16384;

    private final String base;
    private final byte[] idSet;
    private final byte[] counter;
    private final byte[] objectPrefix;

    ModelKeys(String namespace, String group, String model) {
        this(base(namespace, group, model));
    }

    private ModelKeys(String base) {
        this.base = base;
        this.idSet = bytes(base + ":id");
        this.counter = bytes(base + ":ids");
        this.objectPrefix = bytes(base + ":obj:");
    }

    /**
     * {@code {<namespace>:<model>}}, or {@code {<namespace>:<group>}:<model>} for a model with a
     * {@code @Model(group)} (without a namespace, {@code {<model>}} and {@code {<group>}:<model>}):
     * the part in braces is the hash tag.
     */
    static String base(String namespace, String group, String model) {
        return Namespaces.namespaced(namespace, group.isEmpty() ? "{" + model + "}" : "{" + group + "}:" + model);
    }

    /**
     * The keys of partition {@code p} of {@code partitions} of a partitioned model
     * ({@code @Model(partitions)}): the tag {@code {<namespace>:<model>:<p>.<k>}}, where {@code k}
     * is the smallest number from 0 whose tag hashes to a slot in the p-th of {@code partitions}
     * equal slot ranges. A cluster whose masters hold equal slot ranges, as a new one does, then
     * holds equal numbers of partitions per master when {@code partitions} is a multiple of the
     * number of masters. The ':' before {@code p} cannot occur in a model or group name, so no
     * other model's keys share the prefix.
     */
    static ModelKeys partition(String namespace, String model, int p, int partitions) {
        int first = p * SLOTS / partitions;
        int last = (p + 1) * SLOTS / partitions - 1;
        String prefix = Namespaces.prefix(namespace) + model + ":" + p + ".";
        for (int k = 0; ; k++) {
            String tag = prefix + k;
            int slot = JedisClusterCRC16.getSlot(tag);
            if (slot >= first && slot <= last) {
                return new ModelKeys("{" + tag + "}");
            }
        }
    }

    /** {@code {<namespace>:<model>}} (or {@code {<namespace>:<group>}:<model>}): the prefix of every key of the model. */
    public String base() {
        return base;
    }

    /** The set of every live id. */
    public byte[] idSet() {
        return idSet;
    }

    /**
     * The pub/sub channel {@code {<namespace>:<model>}:events} on which the scripts of a model with
     * {@code @Model(events = true)} publish its change events (a channel, not a key).
     */
    public String events() {
        return base + ":events";
    }

    /**
     * An expiring model's deadlines: the sorted set of the ids of objects that expire, each scored
     * by its deadline in server milliseconds.
     */
    public byte[] expiry() {
        return bytes(base + ":exp");
    }

    /**
     * The hash of the model's stored schema, {@code version} and {@code layout}
     * ({@link StoredSchema}); a partitioned model keeps it with partition 0's keys.
     */
    public byte[] schema() {
        return bytes(base + ":schema");
    }

    /** The counter from which the server assigns numeric ids. */
    public byte[] counter() {
        return counter;
    }

    /** The hash of one object. */
    public byte[] object(byte[] id) {
        byte[] prefix = objectPrefix;
        byte[] key = new byte[prefix.length + id.length];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(id, 0, key, prefix.length, id.length);
        return key;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
