package dev.redao.runtime;

/**
 * The Lua behind {@link Keyspace}'s pops: reading and removing in one script is what makes a pop
 * atomic, so two clients popping at once never receive the same member. Values travel only in
 * KEYS and ARGV, so each text is constant and EVALSHA finds it cached.
 */
final class KeyspaceScripts {
    private KeyspaceScripts() {}

    /**
     * KEYS[1] the sorted set; ARGV start, stop (ZRANGE ranks), '1' for descending, then the same
     * ranks counted from the low end. Descending rank r is ascending rank -r-1, and both commands
     * clamp and wrap ranks alike, so ZREMRANGEBYRANK removes exactly the members ZRANGE returned.
     */
    static final Script ZPOP_BY_RANK = Script.of("keyspace.zpopbyrank", """
            local popped
            if ARGV[3] == '1' then
              popped = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2], 'REV', 'WITHSCORES')
            else
              popped = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2], 'WITHSCORES')
            end
            if #popped > 0 then
              redis.call('ZREMRANGEBYRANK', KEYS[1], ARGV[4], ARGV[5])
            end
            return popped
            """);

    /**
     * KEYS[1] the sorted set; ARGV min, max (inclusive scores, '-inf'/'+inf' allowed), '1' for
     * descending. ZREMRANGEBYSCORE takes the same bounds, so it removes what ZRANGE returned.
     */
    static final Script ZPOP_BY_SCORE = Script.of("keyspace.zpopbyscore", """
            local popped
            if ARGV[3] == '1' then
              popped = redis.call('ZRANGE', KEYS[1], ARGV[2], ARGV[1], 'BYSCORE', 'REV', 'WITHSCORES')
            else
              popped = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2], 'BYSCORE', 'WITHSCORES')
            end
            if #popped > 0 then
              redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[2])
            end
            return popped
            """);
}
