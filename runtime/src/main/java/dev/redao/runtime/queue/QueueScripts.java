package dev.redao.runtime.queue;

import dev.redao.runtime.internal.LuaSource;
import dev.redao.runtime.internal.Script;

/**
 * The Lua scripts of {@link ReliableQueue}: every write to a queue's keys except the BLMOVE of
 * {@code take} (a blocking command cannot run inside a script). The element format is described
 * in {@link QueueElement}; times are the server's (TIME), so consumers' clocks do not matter.
 */
final class QueueScripts {
    private QueueScripts() {}

    /** KEYS: ready, counter. ARGV: the message as JSON. Returns the new id. */
    static final Script PUSH = LuaSource.script("queue.push", "queue/expect.lua", "queue/push.lua");

    /** KEYS: leases. ARGV: the delivery's handle. Starts the delivery's lease clock. */
    static final Script LEASE = LuaSource.script("queue.lease", "queue/lease.lua");

    /** KEYS: processing, leases. ARGV: the delivered element, its handle. Returns how many elements were removed. */
    static final Script ACK = LuaSource.script("queue.ack", "queue/expect.lua", "queue/ack.lua");

    /** KEYS: ready, processing, leases. ARGV: the visibility time in ms. Returns how many deliveries it gave back. */
    static final Script RECOVER = LuaSource.script("queue.recover", "queue/expect.lua", "queue/recover.lua");
}
