-- KEYS: id set. ARGV: ids. Removes each object's hash, id and every index and unique entry.
-- Returns how many of the objects existed.
expectModelKeys()

-- 1. Read what each object holds, and check the keys the writes will touch.
local doomed, seen = {}, {}
for i = 1, #ARGV do
  local id = ARGV[i]
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

-- 2. Write.
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
  for _, f in ipairs(SORTED) do
    if o.old[f] then redis.call('ZREM', base .. ':idx:' .. F[f], o.id) end
  end
  redis.call('DEL', o.key)
  redis.call('SREM', idset, o.id)
end
return #doomed
