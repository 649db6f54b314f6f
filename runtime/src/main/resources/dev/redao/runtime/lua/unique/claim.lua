-- Step 1 of a save that takes a unique value of a partitioned model, in the partition of the
-- value (see docs/partitioned-models.md, "the claim protocol"). KEYS: the field's unique hash,
-- the value's claim key. ARGV: the object's id, the value, the claim's time to live and the
-- grace after its deadline (ms), and a holder the caller has checked ('' for none) with whether
-- that holder has the value ('1') or not ('0').
-- Replies {'claimed', deadline}: the value is the object's until the deadline (server ms), by
-- which its write must be done; {'taken', holder}: another object has it, or is taking it now;
-- {'check', holder}: the unique entry, or a claim past its deadline and grace, names an object
-- that may not have the value (any more, or ever): the caller reads it and asks again.
local uni, claimKey = KEYS[1], KEYS[2]
local id, value, ttl, grace = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local checked, has = ARGV[5], ARGV[6] == '1'
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

-- A claim is '<id> <deadline>'. It has no TTL: one past its deadline is resolved by the next
-- writer of the value, which reads the claiming object first, so that a value an object wrote
-- before its deadline is never given to another (the write checks the deadline on its server's
-- clock; the grace covers the difference between the two clocks).
local claim = redis.call('GET', claimKey)
if claim then
  local holder, deadline = string.match(claim, '^(.*) (%d+)$')
  if holder ~= id then
    if now <= tonumber(deadline) + grace then return {'taken', holder} end
    if checked ~= holder then return {'check', holder} end
    if has then
      -- the claim's object wrote the value and did not confirm it: confirm it now
      redis.call('HSET', uni, value, holder)
      redis.call('DEL', claimKey)
      return {'taken', holder}
    end
    redis.call('DEL', claimKey)
  end
end
local holder = redis.call('HGET', uni, value)
if holder and holder ~= id then
  if checked ~= holder then return {'check', holder} end
  if has then return {'taken', holder} end
  -- an entry left by a write that changed or deleted its object and stopped before releasing it
  redis.call('HDEL', uni, value)
end
local deadline = now + ttl
redis.call('SET', claimKey, id .. ' ' .. deadline)
return {'claimed', tostring(deadline)}
