package dev.redao.runtime.internal;

import java.nio.charset.StandardCharsets;

/**
 * The key names of one model in one namespace (README, "Key layout"). The base key
 * {@code {<namespace>:<model>}} is a Redis Cluster hash tag: every key of the model shares its slot.
 */
public final class ModelKeys {
    private final String base;
    private final byte[] idSet;
    private final byte[] counter;
    private final byte[] objectPrefix;

    ModelKeys(String namespace, String group, String model) {
        this.base = base(namespace, group, model);
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
