package dev.redao.it.partition;

import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A partition's base key as docs/partitioned-models.md names it, written out here rather than
 * taken from Redao, so that the tests check Redao's layout against the documented one:
 * <code>{&lt;ns&gt;:&lt;model&gt;:&lt;p&gt;.&lt;k&gt;}</code>, k the first number whose tag hashes to a slot in the
 * p-th of N equal slot ranges.
 */
public final class PartitionTags {
    private static final int SLOTS = 16384;

    private PartitionTags() {}

    public static String base(String namespace, String model, int p, int partitions) {
        for (int k = 0; ; k++) {
            String tag = namespace + ":" + model + ":" + p + "." + k;
            if (inRange(JedisClusterCRC16.getSlot(tag), p, partitions)) {
                return "{" + tag + "}";
            }
        }
    }

    /** Whether a slot is in the p-th of N equal slot ranges. */
    public static boolean inRange(int slot, int p, int partitions) {
        return slot >= p * SLOTS / partitions && slot < (p + 1) * SLOTS / partitions;
    }
}
