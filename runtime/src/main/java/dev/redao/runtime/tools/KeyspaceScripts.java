package dev.redao.runtime.tools;

import dev.redao.runtime.internal.LuaSource;
import dev.redao.runtime.internal.Script;

/**
 * The Lua behind {@link Keyspace}'s pops: reading and removing in one script is what makes a pop
 * atomic, so two clients popping at once never receive the same member. Values travel only in
 * KEYS and ARGV, so each text is constant and EVALSHA finds it cached.
 */
final class KeyspaceScripts {
    private KeyspaceScripts() {}

    /** KEYS[1] the sorted set; ARGV start, stop (ZRANGE ranks), '1' for descending, the same ranks from the low end. */
    static final Script ZPOP_BY_RANK = LuaSource.script("keyspace.zpopbyrank", "keyspace/zpop_by_rank.lua");

    /** KEYS[1] the sorted set; ARGV min, max (inclusive), '1' for descending. */
    static final Script ZPOP_BY_SCORE = LuaSource.script("keyspace.zpopbyscore", "keyspace/zpop_by_score.lua");
}
