-- Scripts read and check everything before their first write, because Redis does not roll a
-- failed script back. expect() stops the script if a key about to be written holds something
-- Redao never writes there; each key is checked once per call, and only if it will be written.
-- Keys that the script reads first (object hashes, unique hashes, the counter) need no check:
-- the read itself fails on a wrong type, still before any write.
local checked = {}
local function expect(key, want)
  if checked[key] then return end
  checked[key] = true
  local t = redis.call('TYPE', key)['ok']
  if t ~= 'none' and t ~= want then
    error('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. t .. ' where a ' .. want .. ' belongs')
  end
end

-- A read in the checking phase. Reads come before any write, so a key of the wrong type found
-- here has done no harm; the error names the key.
local function read(command, key, ...)
  local r = redis.pcall(command, key, ...)
  if type(r) == 'table' and r['err'] then
    error('REDAO-WRONGTYPE ' .. key .. ' cannot be read (' .. command .. '): ' .. r['err'])
  end
  return r
end

-- The id set is a sorted set, scored by the ordering field, when the model has an ordering.
local idsetType = ORDER > 0 and 'zset' or 'set'

local function isLive(id)
  if ORDER > 0 then return read('ZSCORE', idset, id) ~= false end
  return read('SISMEMBER', idset, id) == 1
end

-- Whether the object a unique hash entry names really holds the value v of field f: an object of
-- an all-or-nothing batch whose claim has not expired (see batch.lua), or a live object that
-- still has the value. An entry that fails both is stale (left by a batch that never finished)
-- and the value is free. Called only when another object names the value, so a save that takes
-- a free value pays nothing for it.
local function holds(holder, f, v)
  local deadline = read('ZSCORE', base .. ':pending', holder)
  if deadline then
    local t = redis.call('TIME')
    if tonumber(deadline) > t[1] * 1000 + math.floor(t[2] / 1000) then return true end
  end
  return isLive(holder) and read('HGET', base .. ':obj:' .. holder, F[f]) == v
end

-- A lexicographic index member: the value, a zero byte, the id (ids hold no zero byte).
local function lexMember(value, id)
  return value .. '\0' .. id
end

-- A change event on the model's channel {<namespace><model>}:events, for a model with
-- @Model(events = true). Scripts publish it after their last write, so that an event exists
-- only for a write that happened. The field list is joined here rather than by cjson, which
-- would encode an empty list as an object ({}).
local function publishEvent(op, id, fields)
  local names = {}
  for i, f in ipairs(fields) do names[i] = cjson.encode(f) end
  redis.call('PUBLISH', base .. ':events',
    '{"op":"' .. op .. '","id":' .. cjson.encode(id) .. ',"fields":[' .. table.concat(names, ',') .. ']}')
end

-- Writes grouped by command and key, sent as one command per key (in chunks of 1,000 arguments,
-- which keeps unpack within Lua's stack): a call that saves or deletes many objects costs a few
-- commands per index instead of a few per object. Keys are flushed in the order first used.
-- For a single object there is nothing to group, and writes(true) sends each write at once.
local function writes(immediate)
  local w = {}
  if immediate then
    function w.add(command, key, a, b)
      if b == nil then redis.call(command, key, a) else redis.call(command, key, a, b) end
    end
    function w.flush() end
    return w
  end
  local order, byCommand = {}, {}
  -- one or two arguments (a member, or a score and a member, or a field and a value)
  function w.add(command, key, a, b)
    local keys = byCommand[command]
    if not keys then
      keys = {}
      byCommand[command] = keys
    end
    local args = keys[key]
    if not args then
      args = {}
      keys[key] = args
      order[#order + 1] = {command, key}
    end
    args[#args + 1] = a
    if b ~= nil then args[#args + 1] = b end
  end
  function w.flush()
    for _, e in ipairs(order) do
      local args = byCommand[e[1]][e[2]]
      for i = 1, #args, 1000 do
        redis.call(e[1], e[2], unpack(args, i, math.min(i + 999, #args)))
      end
    end
  end
  return w
end

-- Deletes keys, 1,000 to a command.
local function deleteKeys(keys)
  for i = 1, #keys, 1000 do
    redis.call('DEL', unpack(keys, i, math.min(i + 999, #keys)))
  end
end

-- The current values of the tracked fields of one object, or nil if it does not exist. HMGET
-- also fails, before any write, if the object key is not a hash.
local function readTracked(key)
  local got = read('HMGET', key, ID, unpack(TRACKED_NAMES))
  if not got[1] then return nil end
  local old = {}
  for j, f in ipairs(TRACKED) do
    if got[j + 1] then old[f] = got[j + 1] end
  end
  return old
end

-- Deletes, in two phases so that a transaction can check every model before any writes:
-- checkDeletes reads the objects and checks the keys their removal will write; writeDeletes
-- removes each one's hash, id and every index and unique entry. dying collects the ids, so that
-- a save in the same call may claim the unique values they give up, and so that a cascade that
-- comes back to an object already doomed stops there.
local function checkDeletes(ids, dying)
  local doomed, seen = {}, {}
  for _, id in ipairs(ids) do
    if not seen[id] and not (dying and dying[id]) then
      seen[id] = true
      local key = base .. ':obj:' .. id
      local old = readTracked(key)
      if old then
        local o = {id = id, key = key, old = old, releases = {}}
        for _, f in ipairs(UNIQUE) do
          -- a value is released only if the unique hash says this object holds it
          if old[f] then o.releases[f] = read('HGET', base .. ':uni:' .. F[f], old[f]) == id end
        end
        for _, f in ipairs(SETS) do
          if old[f] then expect(base .. ':idx:' .. F[f] .. ':' .. old[f], 'set') end
        end
        for _, f in ipairs(LEX) do
          if old[f] then expect(base .. ':lex:' .. F[f], 'zset') end
        end
        for _, f in ipairs(SORTED) do
          if old[f] then expect(base .. ':idx:' .. F[f], 'zset') end
        end
        expect(idset, idsetType)
        doomed[#doomed + 1] = o
        if dying then dying[id] = true end
      end
    end
  end
  return doomed
end

local function writeDeletes(doomed)
  local w, objectKeys = writes(#doomed == 1), {}
  for _, o in ipairs(doomed) do
    for _, f in ipairs(UNIQUE) do
      if o.releases[f] then w.add('HDEL', base .. ':uni:' .. F[f], o.old[f]) end
    end
    for _, f in ipairs(SETS) do
      if o.old[f] then w.add('SREM', base .. ':idx:' .. F[f] .. ':' .. o.old[f], o.id) end
    end
    for _, f in ipairs(LEX) do
      if o.old[f] then w.add('ZREM', base .. ':lex:' .. F[f], lexMember(o.old[f], o.id)) end
    end
    for _, f in ipairs(SORTED) do
      if o.old[f] then w.add('ZREM', base .. ':idx:' .. F[f], o.id) end
    end
    objectKeys[#objectKeys + 1] = o.key
    w.add(ORDER > 0 and 'ZREM' or 'SREM', idset, o.id)
  end
  w.flush()
  deleteKeys(objectKeys)
end

-- A deleted object's event names the fields it had: all of them are gone now (with events on,
-- every field is tracked).
local function publishDeletes(doomed)
  for _, o in ipairs(doomed) do
    local fields = {}
    for f = 1, #F do
      if o.old[f] then fields[#fields + 1] = F[f] end
    end
    publishEvent('deleted', o.id, fields)
  end
end

-- Deletes objects by id in one go; returns how many of them existed.
local function deleteObjects(ids)
  local doomed = checkDeletes(ids, nil)
  writeDeletes(doomed)
  if EVENTS then publishDeletes(doomed) end
  return #doomed
end
