-- Index writes of the single-object scripts (SingleObjectLua). They come after every read and
-- check, before any other write, and each goes through pcall: a key of the wrong type stops the
-- script at that write, the index writes done so far are undone, and the error names the key, so
-- Redis is left as it was. Each write records its exact inverse only if it changed something.
-- This spares the TYPE call per key that the write module makes before its first write. The
-- script's last index write needs no inverse, so it is made with try() alone.
-- undo holds the inverses flat, four slots each (command, key, argument, argument or false),
-- which spares a table per write on the path where nothing fails.
local undo, undone = {}, 0
local function push(command, key, a, b)
  undo[undone + 1], undo[undone + 2], undo[undone + 3], undo[undone + 4] = command, key, a, b or false
  undone = undone + 4
end
local function refuse(key, want, err)
  for i = undone - 3, 1, -4 do
    if undo[i + 3] then
      redis.call(undo[i], undo[i + 1], undo[i + 2], undo[i + 3])
    else
      redis.call(undo[i], undo[i + 1], undo[i + 2])
    end
  end
  local t = redis.call('TYPE', key)['ok']
  if t ~= 'none' and t ~= want then
    error('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. t .. ' where a ' .. want .. ' belongs')
  end
  error(err)
end
local function try(want, command, key, ...)
  local r = redis.pcall(command, key, ...)
  if type(r) == 'table' and r['err'] then refuse(key, want, r['err']) end
  return r
end

-- Set members, and the members of a lexicographic index (always scored 0; NX leaves a member
-- that is already there as it is).
local function sadd(key, member)
  if try('set', 'SADD', key, member) == 1 then push('SREM', key, member) end
end
local function srem(key, member)
  if try('set', 'SREM', key, member) == 1 then push('SADD', key, member) end
end
local function lexadd(key, member)
  if try('zset', 'ZADD', key, 'NX', 0, member) == 1 then push('ZREM', key, member) end
end
local function lexrem(key, member)
  if try('zset', 'ZREM', key, member) == 1 then push('ZADD', key, 0, member) end
end

-- Scored members: a score that is replaced or removed is read first, so that the undo restores
-- it. A member expected to be new is added with NX, which changes nothing if it is there after all.
local function zadd(key, score, member, expected)
  if not expected and try('zset', 'ZADD', key, 'NX', score, member) == 1 then
    push('ZREM', key, member)
    return
  end
  local was = try('zset', 'ZSCORE', key, member)
  redis.call('ZADD', key, score, member)
  if was then push('ZADD', key, was, member) else push('ZREM', key, member) end
end
local function zrem(key, member)
  local was = try('zset', 'ZSCORE', key, member)
  if was then
    redis.call('ZREM', key, member)
    push('ZADD', key, was, member)
  end
end
