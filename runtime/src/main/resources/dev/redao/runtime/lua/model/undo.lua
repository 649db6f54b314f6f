-- Index writes of the single-object scripts (SingleObjectLua). They come after every read and
-- check, before any other write but the id counter's INCR, and each goes through pcall: a key of
-- the wrong type stops the script at that write, what was written so far is given back (see
-- push() and rollback() in common.lua), and the error names the key, so Redis is left as it was.
-- Each write records its exact inverse only if it changed something. This spares the TYPE call per
-- key that the write module makes before its first write. The script's last index write needs no
-- inverse, so it is made with try() alone. Any other error of a write (OOM, READONLY, a key the
-- ACL user may not write) gives back what was written too, and is raised as it is.
local function refuse(key, want, r)
  rollback()
  if isWrongType(r) then assertType(key, want) end
  raise(r)
end
-- A refusal (or an error reply) after the script has written: what it wrote is given back first.
local function refused(reply)
  rollback()
  return reply
end
local function try(want, command, key, ...)
  local r = redis.pcall(command, key, ...)
  if type(r) == 'table' and r['err'] then refuse(key, want, r) end
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
