-- Key names of the indexes, built once per call: a call of many objects would otherwise build
-- the same strings again for every object. setKey(f, value) names the set of one value.
local uniKeys, sortedKeys, lexKeys, setPrefixes, setKeys = {}, {}, {}, {}, {}
for _, f in ipairs(UNIQUE) do uniKeys[f] = base .. ':uni:' .. F[f] end
for _, f in ipairs(SORTED) do sortedKeys[f] = base .. ':idx:' .. F[f] end
for _, f in ipairs(LEX) do lexKeys[f] = base .. ':lex:' .. F[f] end
for _, f in ipairs(SETS) do
  setPrefixes[f] = base .. ':idx:' .. F[f] .. ':'
  setKeys[f] = {}
end
-- A compound index's sorted set for one value of its first field (see ModelSchema.CompoundIndex).
local compoundPrefixes = {}
for i, c in ipairs(COMPOUND) do compoundPrefixes[i] = base .. ':cidx:' .. F[c[1]] .. ':' .. F[c[2]] .. ':' end
local function compoundKey(i, value) return compoundPrefixes[i] .. value end
local function setKey(f, value)
  local k = setKeys[f][value]
  if not k then
    k = setPrefixes[f] .. value
    setKeys[f][value] = k
  end
  return k
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
    local n = #args
    args[n + 1] = a
    if b ~= nil then args[n + 2] = b end
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

-- The current values of the tracked fields of object id, or nil if it does not exist. HMGET
-- also fails, before any write, if the object key is not a hash. A corrupt object (see
-- corruption() in common.lua) has its values too, and its error second: a delete removes it,
-- other writes refuse it.
local untracked = #TRACKED < #F and F or nil
local function readTracked(key, id)
  local got = read('HMGET', key, ID, unpack(TRACKED_NAMES))
  local broken = got[1] ~= id and corruption(MODEL, ID, key, id, got, untracked)
  if not got[1] and not broken then return nil end
  local old = {}
  for j, f in ipairs(TRACKED) do
    if got[j + 1] then old[f] = got[j + 1] end
  end
  return old, broken
end

-- The checks every save makes of an object whose stored values (o.old) are read: a partial save
-- keeps the fields it does not name, so it needs the stored object, and a kept tracked field
-- keeps its value, so nothing about it moves; a version must be the stored one. Returns a
-- refusal, or nil.
local function checkStored(o)
  if o.keep then
    if not o.old then return {'missing', o.id, o.index} end
    for f in pairs(o.keep) do o.new[f] = o.old[f] end
  end
  if VERSION > 0 then return checkVersion(o) end
  return nil
end

-- Who keeps value v of unique field f from object o, or nil if o may take it. A running batch's
-- claim decides first: the value belongs to the object it is claimed for. Otherwise the unique
-- hash's holder keeps it, unless the same call frees it: released(holder) is true if the call
-- deletes the holder or gives the holder another value, false if the call gives the holder this
-- very value, nil if the call does not touch the holder; then the holder keeps the value only if
-- it is live and still has it (see holds()).
local function keeper(o, f, v, claimant, holder, released)
  if claimant then
    if claimant ~= o.id then return claimant end
    return nil
  end
  if not holder or holder == o.id then return nil end
  local free = released(holder)
  if free == nil then free = not holds(holder, f, v) end
  if free then return nil end
  return holder
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
      local old = readTracked(key, id)
      if old then
        -- an object past its deadline is deleted all the same, but counts as none
        local o = {id = id, key = key, old = old, releases = {}, expired = isExpired(id)}
        for _, f in ipairs(UNIQUE) do
          -- a value is released only if the unique hash says this object holds it
          if old[f] then o.releases[f] = read('HGET', uniKeys[f], old[f]) == id end
        end
        for _, f in ipairs(SETS) do
          if old[f] then expect(setKey(f, old[f]), 'set') end
        end
        for _, f in ipairs(LEX) do
          if old[f] then expect(lexKeys[f], 'zset') end
        end
        for _, f in ipairs(SORTED) do
          if old[f] then expect(sortedKeys[f], 'zset') end
        end
        for i, c in ipairs(COMPOUND) do
          if old[c[1]] and old[c[2]] then expect(compoundKey(i, old[c[1]]), 'zset') end
        end
        expect(idset, idsetType)
        if EXPIRES then expect(expiryKey, 'zset') end
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
      if o.releases[f] then w.add('HDEL', uniKeys[f], o.old[f]) end
    end
    for _, f in ipairs(SETS) do
      if o.old[f] then w.add('SREM', setKey(f, o.old[f]), o.id) end
    end
    for _, f in ipairs(LEX) do
      if o.old[f] then w.add('ZREM', lexKeys[f], lexMember(o.old[f], o.id)) end
    end
    for _, f in ipairs(SORTED) do
      if o.old[f] then w.add('ZREM', sortedKeys[f], o.id) end
    end
    for i, c in ipairs(COMPOUND) do
      if o.old[c[1]] and o.old[c[2]] then w.add('ZREM', compoundKey(i, o.old[c[1]]), o.id) end
    end
    objectKeys[#objectKeys + 1] = o.key
    for _, prefix in ipairs(STRUCTURES) do objectKeys[#objectKeys + 1] = base .. prefix .. o.id end
    w.add(ORDER > 0 and 'ZREM' or 'SREM', idset, o.id)
    if EXPIRES then w.add('ZREM', expiryKey, o.id) end
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

-- Deletes objects by id in one go; returns how many of them existed (past their deadline, none did).
local function deleteObjects(ids)
  local doomed = checkDeletes(ids, nil)
  writeDeletes(doomed)
  if EVENTS then publishDeletes(doomed) end
  local live = 0
  for _, o in ipairs(doomed) do
    if not o.expired then live = live + 1 end
  end
  return live
end

-- The ids of up to limit objects past their deadline, the earliest first, but those in except.
local function expiredIds(limit, except)
  local ids = {}
  if not EXPIRES then return ids end
  local got = read('ZRANGEBYSCORE', expiryKey, '-inf', serverNow(), 'LIMIT', 0, limit)
  for _, id in ipairs(got) do
    if not except[id] then ids[#ids + 1] = id end
  end
  return ids
end
