-- The save of many new objects whose every field has a value and whose ids come from the counter:
-- saveAll's commonest script, a bulk load. It refuses what the write module refuses for such
-- objects and writes what it writes, but keeps no plan per object: it reads each value from ARGV
-- where it lies, checks every unique value with one command per field, and writes the index
-- entries grouped by key. ARGV and replies are the write module's for one model (see save.lua and
-- driver.lua). A call it was not made for (an id, a field null or kept) or a counter it cannot
-- count in Lua numbers, or that seems reset, goes back to the module ({0, 0, 'module'}), which
-- takes it or says what is wrong.
local counterkey = KEYS[2]
local n = tonumber(ARGV[1])
local fieldCount = #F
local stride = 2 + fieldCount + #SCORED
local allPresent = string.rep('1', fieldCount)
-- ARGV holds object i's id at at(i), its mask at p = at(i) + 1, field f at p + f, and the score
-- of the s-th scored field at p + fieldCount + s (scoreAt[f] for the field f)
local function at(i) return 3 + (i - 1) * stride end
if tonumber(ARGV[2]) ~= 0 or #ARGV ~= 2 + n * stride then return {0, 0, 'module'} end
for i = 1, n do
  local p = at(i)
  if ARGV[p] ~= '' or ARGV[p + 1] ~= allPresent then return {0, 0, 'module'} end
end
local scoreAt = {}
for s, f in ipairs(SCORED) do scoreAt[f] = fieldCount + s end

-- The ids the counter will give, as Lua numbers (exact, and printed without an exponent, below
-- 10^13). The first one names no object unless the counter was reset behind Redao's back.
local c = redis.pcall('GET', counterkey)
if type(c) == 'table' then return {0, 0, 'module'} end
local last = c and tonumber(c) or 0
if not last or (c and #c > 13) or last + n >= 1e13 then return {0, 0, 'module'} end
local ids = {}
for i = 1, n do ids[i] = tostring(last + i) end
if idGreater(ids[n], ID_MAX) or redis.call('EXISTS', base .. ':obj:' .. ids[1]) == 1 then return {0, 0, 'module'} end

-- Unique values: none twice in the call, none claimed by a running batch (see batch.lua), none
-- held by another live object that has it.
for _, f in ipairs(UNIQUE) do
  local values, first = {}, {}
  for i = 1, n do
    local v = ARGV[at(i) + 1 + f]
    if first[v] then return {0, 1, 'unique', F[f], v, ids[first[v]], i} end
    first[v], values[i] = i, v
  end
  for i = 1, n, 1000 do
    local stop = math.min(i + 999, n)
    local claims = {}
    for j = i, stop do claims[#claims + 1] = claimKey(f, values[j]) end
    local claimants = read('MGET', unpack(claims))
    for j = 1, #claims do
      local claimant = claimants[j]
      if claimant then return {0, 1, 'unique', F[f], values[i + j - 1], claimant, i + j - 1} end
    end
    local holders = read('HMGET', uniKeys[f], unpack(values, i, stop))
    for j = 1, #claims do
      local holder = holders[j]
      if holder and holds(holder, f, values[i + j - 1]) then
        return {0, 1, 'unique', F[f], values[i + j - 1], holder, i + j - 1}
      end
    end
  end
end

-- Every key written to is of its type, or none, before the first write (see expect()); the
-- unique hashes were read above, which checks them.
expect(idset, 'set')
for _, f in ipairs(SORTED) do expect(sortedKeys[f], 'zset') end
for _, f in ipairs(LEX) do expect(lexKeys[f], 'zset') end
-- (per object, counted loops: ipairs costs a call per step)
for i = 1, n do
  local p = at(i) + 1
  for k = 1, #SETS do
    local f = SETS[k]
    expect(setKey(f, ARGV[p + f]), 'set')
  end
  for c = 1, #COMPOUND do expect(compoundKey(c, ARGV[p + COMPOUND[c][1]]), 'zset') end
end

-- The writes: the counter, each hash, then the id set, index and unique entries grouped by key
-- (see writes() in model.lua).
redis.call('SET', counterkey, ids[n])
local w = writes(false)
local hash = {ID, false}
for f = 1, fieldCount do hash[2 * f + 1] = F[f] end
for i = 1, n do
  local p, id = at(i) + 1, ids[i]
  hash[2] = id
  for f = 1, fieldCount do hash[2 * f + 2] = ARGV[p + f] end
  redis.call('HSET', base .. ':obj:' .. id, unpack(hash))
  w.add('SADD', idset, id)
  for k = 1, #UNIQUE do
    local f = UNIQUE[k]
    w.add('HSET', uniKeys[f], ARGV[p + f], id)
  end
  for k = 1, #SETS do
    local f = SETS[k]
    w.add('SADD', setKey(f, ARGV[p + f]), id)
  end
  for k = 1, #LEX do
    local f = LEX[k]
    w.add('ZADD', lexKeys[f], 0, lexMember(ARGV[p + f], id))
  end
  for k = 1, #SORTED do
    local f = SORTED[k]
    w.add('ZADD', sortedKeys[f], ARGV[p + scoreAt[f]], id)
  end
  for c = 1, #COMPOUND do
    local pair = COMPOUND[c]
    w.add('ZADD', compoundKey(c, ARGV[p + pair[1]]), ARGV[p + scoreAt[pair[2]]], id)
  end
end
w.flush()
-- the module's reply for one model: {1, {deleted, ids, versions}}
return {1, {0, ids, {}}}
