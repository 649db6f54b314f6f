-- Stops before the first write if a key holds something Redao never writes there.
local function expect(key, want)
  local t = redis.call('TYPE', key)['ok']
  if t ~= 'none' and t ~= want then
    error('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. t .. ' where a ' .. want .. ' belongs')
  end
end

-- The id set is a sorted set, scored by the ordering field, when the model has an ordering.
local function expectModelKeys()
  expect(idset, ORDER > 0 and 'zset' or 'set')
  for _, f in ipairs(UNIQUE) do expect(base .. ':uni:' .. F[f], 'hash') end
  for _, f in ipairs(SORTED) do expect(base .. ':idx:' .. F[f], 'zset') end
  for _, f in ipairs(LEX) do expect(base .. ':lex:' .. F[f], 'zset') end
end

local function isLive(id)
  if ORDER > 0 then return redis.call('ZSCORE', idset, id) ~= false end
  return redis.call('SISMEMBER', idset, id) == 1
end

-- A lexicographic index member: the value, a zero byte, the id (ids hold no zero byte).
local function lexMember(value, id)
  return value .. '\0' .. id
end

-- The current values of the tracked fields of one object, or nil if it does not exist. HMGET
-- also fails, before any write, if the object key is not a hash.
local function readTracked(key)
  local got = redis.call('HMGET', key, ID, unpack(TRACKED_NAMES))
  if not got[1] then return nil end
  local old = {}
  for j, f in ipairs(TRACKED) do
    if got[j + 1] then old[f] = got[j + 1] end
  end
  return old
end

-- Deletes objects by id: each one's hash, id and every index and unique entry. Reads and checks
-- everything first, then writes. Returns how many of the objects existed.
local function deleteObjects(ids)
  expectModelKeys()
  local doomed, seen = {}, {}
  for _, id in ipairs(ids) do
    if not seen[id] then
      seen[id] = true
      local key = base .. ':obj:' .. id
      local old = readTracked(key)
      if old then
        for _, f in ipairs(SETS) do
          if old[f] then expect(base .. ':idx:' .. F[f] .. ':' .. old[f], 'set') end
        end
        doomed[#doomed + 1] = {id = id, key = key, old = old}
      end
    end
  end
  for _, o in ipairs(doomed) do
    for _, f in ipairs(UNIQUE) do
      local v = o.old[f]
      if v then
        local ukey = base .. ':uni:' .. F[f]
        if redis.call('HGET', ukey, v) == o.id then redis.call('HDEL', ukey, v) end
      end
    end
    for _, f in ipairs(SETS) do
      if o.old[f] then redis.call('SREM', base .. ':idx:' .. F[f] .. ':' .. o.old[f], o.id) end
    end
    for _, f in ipairs(LEX) do
      if o.old[f] then redis.call('ZREM', base .. ':lex:' .. F[f], lexMember(o.old[f], o.id)) end
    end
    for _, f in ipairs(SORTED) do
      if o.old[f] then redis.call('ZREM', base .. ':idx:' .. F[f], o.id) end
    end
    redis.call('DEL', o.key)
    redis.call(ORDER > 0 and 'ZREM' or 'SREM', idset, o.id)
  end
  return #doomed
end
