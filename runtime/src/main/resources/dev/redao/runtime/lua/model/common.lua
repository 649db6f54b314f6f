-- Helpers that every write script shares: the write modules (model.lua, save.lua, ...) and the
-- straight-line scripts for a single object. They expect base, idset, F, ORDER and VERSION.

-- Scripts read and check everything before their first write, because Redis does not roll a
-- failed script back. expect() stops the script if a key about to be written holds something
-- Redao never writes there; each key is checked once per call, and only if it will be written.
-- Keys that the script reads first (object hashes, unique hashes, the counter) need no check:
-- the read itself fails on a wrong type, still before any write.
local function assertType(key, want)
  local t = redis.call('TYPE', key)['ok']
  if t ~= 'none' and t ~= want then
    error('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. t .. ' where a ' .. want .. ' belongs')
  end
end
local checked = {}
local function expect(key, want)
  if checked[key] then return end
  checked[key] = true
  assertType(key, want)
end

-- What a script has written so far that a refusal must give back, flat, four slots per write:
-- the inverse command, its key, and its arguments (false for none). Only the single-object
-- scripts write before their checks end (the id counter's INCR, then index writes that may still
-- meet a key of the wrong type: see undo.lua); in the write module it stays empty.
local undo, undone = {}, 0
local function push(command, key, a, b)
  undo[undone + 1], undo[undone + 2], undo[undone + 3], undo[undone + 4] = command, key, a or false, b or false
  undone = undone + 4
end
local function rollback()
  for i = undone - 3, 1, -4 do
    local a, b = undo[i + 2], undo[i + 3]
    if b then
      redis.call(undo[i], undo[i + 1], a, b)
    elseif a then
      redis.call(undo[i], undo[i + 1], a)
    else
      redis.call(undo[i], undo[i + 1])
    end
  end
  undone = 0
end

-- Raises an error that redis.pcall returned as redis.call would have raised it, so that the
-- client sees Redis's own error (NOPERM, OOM, READONLY...) and not the script's: Redis 7 passes a
-- raised table on as the error itself, Redis 6 takes only text.
local function raise(r)
  if redis.REDIS_VERSION_NUM then error(r) end
  error(r['err'], 0)
end
local function isWrongType(r)
  return string.sub(r['err'], 1, 10) == 'WRONGTYPE '
end

-- A read in the checking phase. A key of the wrong type found here has done no harm (whatever
-- was written before is given back); the error names the key. Any other error (a command or key
-- the ACL user may not use, a server that cannot serve) gives back what was written too, and is
-- raised as it is, for the client to tell apart.
local function read(command, key, ...)
  local r = redis.pcall(command, key, ...)
  if type(r) == 'table' and r['err'] then
    rollback()
    if isWrongType(r) then
      error('REDAO-WRONGTYPE ' .. key .. ' cannot be read (' .. command .. '): ' .. r['err'])
    end
    raise(r)
  end
  return r
end

-- Scripts that write nothing (loads, queries) read with the helpers below, which stand alone:
-- every helper a script holds is a closure made on each call, and these scripts are short. An
-- error other than WRONGTYPE needs no undo there, so the command is sent again, unprotected, for
-- Redis to raise it as it is.

-- A read of a script that writes nothing: a key of the wrong type stops the script with an error
-- that names it.
local function look(command, key, ...)
  local r = redis.pcall(command, key, ...)
  if type(r) == 'table' and r['err'] then
    if string.sub(r['err'], 1, 10) == 'WRONGTYPE ' then
      error('REDAO-WRONGTYPE ' .. key .. ' cannot be read (' .. command .. '): ' .. r['err'])
    end
    return redis.call(command, key, ...)
  end
  return r
end

-- The error of a corrupt object of id at key, read as got (HMGET of its id field, named idName,
-- then some of the model's fields), or false. An object is corrupt when its id field names
-- another id, or is missing while the hash holds a field of the model: Redao writes the id field
-- with every object, so neither is its own doing, and a hash that holds no field of the model is
-- no object at all. When got holds none of the fields, rest names the ones to look at too (nil
-- when got holds all of them). Called only when got[1] is not id: a sound object costs nothing.
-- The error says that deleting it is the way out: a delete removes a corrupt object, every other
-- write refuses it.
local function corruption(model, idName, key, id, got, rest)
  local what
  if got[1] then
    what = 'holds \'' .. got[1] .. '\' in its field \'' .. idName .. '\''
  else
    local holds = false
    for i = 2, #got do
      if got[i] then holds = true end
    end
    if not holds and rest then
      for _, v in ipairs(redis.call('HMGET', key, unpack(rest))) do
        if v then holds = true end
      end
    end
    if not holds then return false end
    what = 'has no field \'' .. idName .. '\' but holds fields of ' .. model
  end
  return 'REDAO-CORRUPT ' .. model .. ' ' .. id .. ' is corrupt: its hash ' .. key .. ' ' .. what
      .. '; delete ' .. id .. ' to remove it (other writes refuse it)'
end

-- The row of object id of a model (this one, or the one named model, whose keys start with b):
-- HMGET of names, its id field first, in its hash; all false when there is no object. A key of
-- the wrong type, or a corrupt object (see corruption(); rest as there), stops the script with an
-- error that names the model, the object and the key.
local function objectRow(b, id, names, model, rest)
  local key = b .. ':obj:' .. id
  local row = redis.pcall('HMGET', key, unpack(names))
  if row['err'] then
    if string.sub(row['err'], 1, 10) == 'WRONGTYPE ' then
      error('REDAO-WRONGTYPE ' .. (model or MODEL) .. ' ' .. id .. ': its key ' .. key .. ' holds a '
          .. redis.call('TYPE', key)['ok'] .. ', not a hash')
    end
    return redis.call('HMGET', key, unpack(names))
  end
  if row[1] ~= id then
    local broken = corruption(model or MODEL, names[1], key, id, row, rest)
    if broken then error(broken) end
  end
  return row
end

-- The id set is a sorted set, scored by the ordering field, when the model has an ordering.
local idsetType = ORDER > 0 and 'zset' or 'set'

local function isLive(id)
  if ORDER > 0 then return read('ZSCORE', idset, id) ~= false end
  return read('SISMEMBER', idset, id) == 1
end

-- An expiring model (@Model(ttl) or @Model(expiring)) keeps the deadline of each object that
-- expires, in server ms, in the sorted set {<ns>:<model>}:exp, a subset of the id set. An object
-- past its deadline is gone for every read and every write from that moment, though its keys stay
-- until a write of the model purges it (see driver.lua): nothing waits for a client to be there
-- at the deadline, and nothing depends on keyspace notifications.
local expiryKey = base .. ':exp'
local nowMillis = false
local function serverNow()
  if not nowMillis then
    local t = redis.call('TIME')
    nowMillis = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  end
  return nowMillis
end
local function isExpired(id)
  if not EXPIRES then return false end
  local d = redis.pcall('ZSCORE', expiryKey, id)
  if type(d) == 'table' and d['err'] then
    error('REDAO-WRONGTYPE ' .. expiryKey .. ' cannot be read (ZSCORE): ' .. d['err'])
  end
  return d ~= false and tonumber(d) <= serverNow()
end

-- Whether the object a unique hash entry names is live and still holds the value v of field f.
-- Unique hashes hold committed values only, so an entry fails this only if it was left by an
-- older Redao (whose batches wrote their claims there) or by hand: the value is then free.
-- Called only when another object names the value, so a save that takes a free value pays
-- nothing for it.
local function holds(holder, f, v)
  return isLive(holder) and not isExpired(holder) and read('HGET', base .. ':obj:' .. holder, F[f]) == v
end

-- The claim of a running all-or-nothing batch on value v of unique field f (see batch.lua): a
-- key of its own, holding the id of the object the value is claimed for, that Redis deletes at
-- the batch's deadline. A batch that dies thus leaves nothing behind once its deadline passes.
local function claimKey(f, v)
  return base .. ':claim:' .. F[f] .. ':' .. v
end

-- A lexicographic index member: the value, a zero byte, the id (ids hold no zero byte).
local function lexMember(value, id)
  return value .. '\0' .. id
end

-- A change event on the model's channel {<namespace><model>}:events, for a model with
-- @Model(events = true). Scripts publish it after their last write, so that an event exists
-- only for a write that happened. The field list is joined here rather than by cjson, which
-- would encode an empty list as an object ({}). On a cluster of Redis 7 servers the event is a
-- shard message (SPUBLISH), which goes to the node of the model's slot only, where Redao's
-- subscribers listen, rather than to every node over the cluster bus.
local function publishEvent(op, id, fields)
  local names = {}
  for i, f in ipairs(fields) do names[i] = cjson.encode(f) end
  local command = 'PUBLISH'
  if redis.REDIS_VERSION_NUM and string.find(redis.call('INFO', 'cluster'), 'cluster_enabled:1', 1, true) then
    command = 'SPUBLISH'
  end
  redis.call(command, base .. ':events',
    '{"op":"' .. op .. '","id":' .. cjson.encode(id) .. ',"fields":[' .. table.concat(names, ',') .. ']}')
end

-- Numeric ids and versions are compared and counted as decimal text: Lua numbers are doubles,
-- which are exact only up to 2^53, and a long can be larger.
local function idGreater(a, b)
  local an, bn = string.sub(a, 1, 1) == '-', string.sub(b, 1, 1) == '-'
  if an ~= bn then return bn end
  if #a ~= #b then return (#a > #b) ~= an end
  return a ~= b and ((a > b) ~= an)
end
local function idIncrement(n)
  local i = #n
  while i > 0 and string.byte(n, i) == 57 do i = i - 1 end
  if i == 0 then return '1' .. string.rep('0', #n) end
  return string.sub(n, 1, i - 1) .. string.char(string.byte(n, i) + 1) .. string.rep('0', #n - i)
end

-- A partitioned model (@Model(partitions), PARTS > 1) has an id counter per partition: count c of
-- partition p stands for the id c * PARTS + p, so that an id names its partition (id mod PARTS)
-- and no two partitions hand out one id. A new object's id argument is '#p' (a new id in
-- partition p). Both helpers are decimal text arithmetic, like idGreater.
local function idOfCount(c, part)
  local digits, carry = {}, part
  for i = #c, 1, -1 do
    local d = (string.byte(c, i) - 48) * PARTS + carry
    digits[#digits + 1] = string.char(48 + d % 10)
    carry = math.floor(d / 10)
  end
  while carry > 0 do
    digits[#digits + 1] = string.char(48 + carry % 10)
    carry = math.floor(carry / 10)
  end
  local text = string.reverse(table.concat(digits))
  return string.match(text, '^0*(%d-%d)$')
end
-- The count whose id is at or above id in id's partition: floor(id / PARTS). A negative id is
-- below every count, so it is returned as it is.
local function countOfId(id)
  if string.byte(id, 1) == 45 then return id end
  local digits, rest = {}, 0
  for i = 1, #id do
    local d = rest * 10 + string.byte(id, i) - 48
    digits[i] = string.char(48 + math.floor(d / PARTS))
    rest = d % PARTS
  end
  return string.match(table.concat(digits), '^0*(%d-%d)$')
end

-- The stored version (0 for a new object, or one stored without a version) must be the one the
-- object carries; the largest long has no next version.
local LONG_MAX = '9223372036854775807'
local function checkVersion(o)
  local stored = o.old and not o.lapsed and o.old[VERSION] or '0'
  if not string.match(stored, '^%d+$') then
    return {'error', 'REDAO-WRONGTYPE ' .. o.key .. ' holds version \'' .. stored .. '\', which is no count of saves'}
  end
  local given = o.new[VERSION] or '0'
  if given ~= stored then return {'version', o.id, given, stored, o.index} end
  if stored == LONG_MAX then
    return {'error', 'REDAO-VERSION-EXHAUSTED ' .. o.key .. ' is at version ' .. LONG_MAX .. ', the largest a long holds'}
  end
  return nil
end
