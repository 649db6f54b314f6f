package dev.redao.test;

import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Key names as docs/design.md and docs/partitioned-models.md write them, written out here rather
 * than taken from Redao, so that the tests check the checker's keys against the documented layout.
 */
final class Keys {
    private static final int SLOTS = 16384;

    private Keys() {}

    /** <code>{&lt;ns&gt;:&lt;model&gt;}</code>. */
    static String base(TestNamespace ns, String model) {
        return "{" + ns.name() + ":" + model + "}";
    }

    /** <code>{&lt;ns&gt;:&lt;group&gt;}:&lt;model&gt;</code>. */
    static String base(TestNamespace ns, String group, String model) {
        return "{" + ns.name() + ":" + group + "}:" + model;
    }

    /**
     * Partition p's base key: <code>{&lt;ns&gt;:&lt;model&gt;:&lt;p&gt;.&lt;k&gt;}</code>, k the first number
     * whose tag hashes to a slot in the p-th of N equal slot ranges.
     */
    static String partition(TestNamespace ns, String model, int p, int partitions) {
        for (int k = 0; ; k++) {
            String tag = ns.name() + ":" + model + ":" + p + "." + k;
            int slot = JedisClusterCRC16.getSlot(tag);
            if (slot >= p * SLOTS / partitions && slot < (p + 1) * SLOTS / partitions) {
                return "{" + tag + "}";
            }
        }
    }

    /** The partition of a unique value's entry, or of a String id: its CRC16 mod N. */
    static int partitionOf(String text, int partitions) {
        return JedisClusterCRC16.getCRC16(text) % partitions;
    }
}
