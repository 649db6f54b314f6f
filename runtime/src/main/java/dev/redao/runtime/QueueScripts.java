package dev.redao.runtime;

/**
 * The Lua scripts of {@link ReliableQueue}: every write to a queue's keys except the BLMOVE of
 * {@code take} (a blocking command cannot run inside a script). The element format is described
 * in {@link QueueElement}; times are the server's (TIME), so consumers' clocks do not matter.
 */
final class QueueScripts {
    private QueueScripts() {}

    /**
     * Redis does not roll a failed script back, so a script checks each key it writes before its
     * first write (as the model scripts do): a RPUSH failing after an LREM would lose a message.
     * Keys whose first use is a read need no check: the read fails before anything is written.
     */
    private static final String EXPECT = """
            local function expect(key, want)
              local t = redis.call('TYPE', key)['ok']
              if t ~= 'none' and t ~= want then
                error('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. t .. ' where a ' .. want .. ' belongs')
              end
            end
            """;

    /**
     * KEYS: ready, counter. ARGV: the message as JSON. Returns the new id. One script, so that no
     * id is ever taken without its message being queued. A failed INCR is corrupt data only for a
     * counter that holds no integer, and the end of the ids at the largest long; any other error
     * (OOM, READONLY, NOPERM) is returned as Redis gave it.
     */
    static final Script PUSH = Script.of("queue.push", EXPECT + """
            expect(KEYS[1], 'list')
            local id = redis.pcall('INCR', KEYS[2])
            if type(id) == 'table' then
              if string.find(id['err'], 'overflow', 1, true) then
                return redis.error_reply('REDAO-IDS-EXHAUSTED the id counter ' .. KEYS[2] .. ' has no next id: ' .. id['err'])
              end
              if string.sub(id['err'], 1, 10) == 'WRONGTYPE ' or string.find(id['err'], 'not an integer', 1, true) then
                return redis.error_reply('REDAO-COUNTER-CORRUPT the id counter ' .. KEYS[2] .. ' cannot count: ' .. id['err'])
              end
              return id
            end
            redis.call('LPUSH', KEYS[1], string.format('%d:1:', id) .. ARGV[1])
            return id
            """);

    /**
     * KEYS: leases. ARGV: the delivery's handle. Starts the delivery's lease clock, right after
     * the BLMOVE that took it. A plain ZADD (not NX): when recovery saw the element first and
     * stamped it, the consumer's own, later, time is the fairer start.
     */
    static final Script LEASE = Script.of("queue.lease", """
            local t = redis.call('TIME')
            redis.call('ZADD', KEYS[1], t[1] * 1000 + math.floor(t[2] / 1000), ARGV[1])
            return 1
            """);

    /**
     * KEYS: processing, leases. ARGV: the delivered element, its handle. Returns how many elements
     * were removed: 0 when recovery had already given the delivery back. The lease goes either way:
     * a handle names one delivery, so a lease left for it is stale.
     */
    static final Script ACK = Script.of("queue.ack", EXPECT + """
            expect(KEYS[2], 'zset')
            local removed = redis.call('LREM', KEYS[1], 1, ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[2])
            return removed
            """);

    /**
     * KEYS: ready, processing, leases. ARGV: the visibility time in ms. Moves every delivery whose
     * lease began at least that long ago back to the front of ready (next to be taken, oldest
     * first) with its delivery number raised, and returns how many it moved.
     *
     * <p>An element in processing without a lease belongs to a consumer that stopped (or is slow)
     * between its BLMOVE and its lease script: it gets a lease now, so it expires one visibility
     * time after this pass at the latest. Leases that name no element in processing are left by a
     * consumer whose lease script ran after its delivery was given back; expired ones are removed.
     * Cost: O(in-flight messages), with one LREM per moved message.
     */
    static final Script RECOVER = Script.of("queue.recover", EXPECT + """
            expect(KEYS[1], 'list')
            expect(KEYS[3], 'zset')
            local t = redis.call('TIME')
            local now = t[1] * 1000 + math.floor(t[2] / 1000)
            local limit = now - tonumber(ARGV[1])
            local items = redis.call('LRANGE', KEYS[2], 0, -1)
            local live = {}
            local moved = 0
            for i = 1, #items do
              local item = items[i]
              local id, n = string.match(item, '^(%d+):(%d+):')
              local handle = item
              if id then handle = id .. ':' .. n end
              local since = redis.call('ZSCORE', KEYS[3], handle)
              if not since then
                redis.call('ZADD', KEYS[3], now, handle)
                live[handle] = true
              elseif tonumber(since) <= limit then
                redis.call('LREM', KEYS[2], -1, item)
                redis.call('ZREM', KEYS[3], handle)
                if id then item = id .. ':' .. (tonumber(n) + 1) .. string.sub(item, #handle + 1) end
                redis.call('RPUSH', KEYS[1], item)
                moved = moved + 1
              else
                live[handle] = true
              end
            end
            local stale = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', limit)
            for i = 1, #stale do
              if not live[stale[i]] then redis.call('ZREM', KEYS[3], stale[i]) end
            end
            return moved
            """);
}
