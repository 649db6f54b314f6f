-- KEYS: ready, processing, leases. ARGV: the visibility time in ms. Moves every delivery whose
-- lease began at least that long ago back to the front of ready (next to be taken, oldest first)
-- with its delivery number raised, and returns how many it moved. An element in processing without
-- a lease belongs to a consumer that stopped (or is slow) between its BLMOVE and its lease script:
-- it gets a lease now, so it expires one visibility time after this pass at the latest. Leases
-- that name no element in processing are left by a consumer whose lease script ran after its
-- delivery was given back; expired ones are removed. Cost: O(in-flight messages), with one LREM
-- per moved message.
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
