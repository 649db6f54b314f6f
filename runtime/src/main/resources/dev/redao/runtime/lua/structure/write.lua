-- A write to a structure field of an object (docs/structures.md). KEYS: the object's hash, the
-- structure's key (same hash tag), and for an expiring model its deadlines. ARGV: what the
-- structure is ('list', 'set', 'sorted set', 'map', 'time series', named in an error), the
-- operation, the object's id, then the operation's arguments. The object must exist: a structure
-- lives and dies with its object, so a write to the structure of a missing object, or of one past
-- its deadline (which the model's next write purges), is refused with {'missing'} and writes
-- nothing. Replies {'ok', result}.
local objectKey, key, kind, op = KEYS[1], KEYS[2], ARGV[1], ARGV[2]
if redis.call('EXISTS', objectKey) == 0 or pastDeadline(KEYS[3], ARGV[3]) then return {'missing'} end

-- A key of another type (written by hand) is named in the error, and nothing is written: every
-- operation below makes its first call on the key before it writes.
local function call(command, ...)
  return onStructure(kind, key, command, ...)
end

local args = {}
for i = 4, #ARGV do args[#args + 1] = ARGV[i] end
local result
if op == 'append' then
  -- a time series holds one value per millisecond: '<ms>:<value>' scored by the millisecond
  call('ZREMRANGEBYSCORE', args[1], args[1])
  result = call('ZADD', args[1], args[1] .. ':' .. args[2])
else
  -- RPUSH, LPUSH, LPOP, RPOP, LTRIM, SADD, SREM, ZADD, ZREM, HSET, HDEL: the command as named
  result = call(op, unpack(args))
end
if type(result) == 'table' and result['ok'] then result = result['ok'] end
return {'ok', result}
