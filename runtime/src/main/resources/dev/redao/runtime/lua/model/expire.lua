-- KEYS: id set. ARGV: what to do, the id, and for 'expire' the milliseconds the object has left.
-- An expiring model's deadlines (see common.lua): 'expire' sets the object's, 'persist' drops it,
-- both replying 1, or 0 when there is no object (none, or one past its deadline); 'ttl' reads
-- the milliseconds left, -1 for no deadline, -2 for no object. 'ttl' runs as a read-only script.
local op, id = ARGV[1], ARGV[2]
local live
if ORDER > 0 then live = look('ZSCORE', idset, id) ~= false else live = look('SISMEMBER', idset, id) == 1 end
if not live or isExpired(id) then return op == 'ttl' and -2 or 0 end
if op == 'ttl' then
  local deadline = redis.call('ZSCORE', expiryKey, id)
  if not deadline then return -1 end
  return tonumber(deadline) - serverNow()
end
assertType(expiryKey, 'zset')
if op == 'persist' then
  redis.call('ZREM', expiryKey, id)
else
  redis.call('ZADD', expiryKey, serverNow() + tonumber(ARGV[3]), id)
end
return 1
