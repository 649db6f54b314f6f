-- A write to a structure field of an object (docs/structures.md). KEYS: the object's hash, the
-- structure's key (same hash tag). ARGV: what the structure is ('list', 'set', 'sorted set',
-- 'map', 'time series', named in an error), the operation, then its arguments. The object must
-- exist: a structure lives and dies with its object, so a write to a missing object's structure
-- is refused with {'missing'} and writes nothing. Replies {'ok', result}.
local objectKey, key, kind, op = KEYS[1], KEYS[2], ARGV[1], ARGV[2]
if redis.call('EXISTS', objectKey) == 0 then return {'missing'} end

-- A key of another type (written by hand) is named in the error, and nothing is written: every
-- operation below makes its first call on the key before it writes.
local function call(command, ...)
  local r = redis.pcall(command, key, ...)
  if type(r) == 'table' and r['err'] then
    if string.sub(r['err'], 1, 10) == 'WRONGTYPE ' then
      return error({err = 'REDAO-WRONGTYPE ' .. key .. ' holds a ' .. redis.call('TYPE', key)['ok']
          .. ' where a ' .. kind .. ' belongs'})
    end
    return error(r)
  end
  return r
end

local args = {}
for i = 3, #ARGV do args[#args + 1] = ARGV[i] end
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
