-- A write to a structure field of an object (docs/structures.md). KEYS: the object's hash, the
-- structure's key (same hash tag), and for an expiring model its deadlines. ARGV: what the
-- structure is ('list', 'set', 'sorted set', 'map', 'time series', named in an error), the
-- operation, the object's id, then the operation's arguments. The object must exist: a structure
-- lives and dies with its object, so a write to the structure of a missing object, or of one past
-- its deadline (which the model's next write purges), is refused with {'missing'} and writes
-- nothing. Replies {'ok', result}.
local objectKey, key, kind, op = KEYS[1], KEYS[2], ARGV[1], ARGV[2]
if redis.call('EXISTS', objectKey) == 0 then return {'missing'} end
if KEYS[3] then
  local deadline = redis.call('ZSCORE', KEYS[3], ARGV[3])
  local time = redis.call('TIME')
  if deadline and tonumber(deadline) <= tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) then
    return {'missing'}
  end
end

-- A key of another type (written by hand) is named in the error, and nothing is written: every
-- operation below makes its first call on the key before it writes.
local function call(command, ...)
  local r = redis.pcall(command, key, ...)
  if type(r) == 'table' and r['err'] then
    if string.sub(r['err'], 1, 10) == 'WRONGTYPE ' then
      error('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. redis.call('TYPE', key)['ok'] .. ' where a ' .. kind .. ' belongs')
    end
    error(r['err'])
  end
  return r
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
