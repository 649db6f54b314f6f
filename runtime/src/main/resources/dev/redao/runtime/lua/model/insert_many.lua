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
-- ARGV holds object i's id at at(i), its mask at at(i) + 1, field f at at(i) + 1 + f, and the
-- score of the s-th scored field at at(i) + 1 + fieldCount + s
local function at(i) return 3 + (i - 1) * stride end
if tonumber(ARGV[2]) ~= 0 or #ARGV ~= 2 + n * stride then return {0, 0, 'module'} end
for i = 1, n do
  local p = at(i)
  if ARGV[p] ~= '' or ARGV[p + 1] ~= allPresent then return {0, 0, 'module'} end
end
local scoreAt = {}
for s, f in ipairs(SCORED) do scoreAt[f] = 1 + fieldCount + s end

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
    for j, claimant in ipairs(read('MGET', unpack(claims))) do
      if claimant then return {0, 1, 'unique', F[f], values[i + j - 1], claimant, i + j - 1} end
    end
    for j, holder in ipairs(read('HMGET', base .. ':uni:' .. F[f], unpack(values, i, stop))) do
      if holder and holds(holder, f, values[i + j - 1]) then
        return {0, 1, 'unique', F[f], values[i + j - 1], holder, i + j - 1}
      end
    end
  end
end

-- Every key written to is of its type, or none, before the first write (see expect()); the
-- unique hashes were read above, which checks them.
expect(idset, 'set')
for _, f in ipairs(SORTED) do expect(base .. ':idx:' .. F[f], 'zset') end
for _, f in ipairs(LEX) do expect(base .. ':lex:' .. F[f], 'zset') end
local groups, order = {}, {}
local function add(command, key, a, b)
  local args = groups[key]
  if not args then
    expect(key, command == 'SADD' and 'set' or 'zset')
    args = {}
    groups[key] = args
    order[#order + 1] = {command, key}
  end
  args[#args + 1] = a
  if b ~= nil then args[#args + 1] = b end
end
for i = 1, n do
  local p, id = at(i) + 1, ids[i]
  for _, f in ipairs(SETS) do add('SADD', base .. ':idx:' .. F[f] .. ':' .. ARGV[p + f], id) end
  for _, c in ipairs(COMPOUND) do
    add('ZADD', base .. ':cidx:' .. F[c[1]] .. ':' .. F[c[2]] .. ':' .. ARGV[p + c[1]], ARGV[at(i) + scoreAt[c[2]]], id)
  end
end

-- The writes: the counter, the id set, the hashes, then the grouped index and unique entries,
-- 1,000 arguments to a command.
local function each(command, key, args)
  for i = 1, #args, 1000 do redis.call(command, key, unpack(args, i, math.min(i + 999, #args))) end
end
redis.call('SET', counterkey, ids[n])
each('SADD', idset, ids)
local hash = {ID, false}
for f = 1, fieldCount do hash[2 * f + 1] = F[f] end
for i = 1, n do
  local p = at(i) + 1
  hash[2] = ids[i]
  for f = 1, fieldCount do hash[2 * f + 2] = ARGV[p + f] end
  redis.call('HSET', base .. ':obj:' .. ids[i], unpack(hash))
end
for _, f in ipairs(SORTED) do
  local args = {}
  for i = 1, n do
    args[2 * i - 1], args[2 * i] = ARGV[at(i) + scoreAt[f]], ids[i]
  end
  each('ZADD', base .. ':idx:' .. F[f], args)
end
for _, f in ipairs(LEX) do
  local args = {}
  for i = 1, n do
    args[2 * i - 1], args[2 * i] = 0, lexMember(ARGV[at(i) + 1 + f], ids[i])
  end
  each('ZADD', base .. ':lex:' .. F[f], args)
end
for _, e in ipairs(order) do each(e[1], e[2], groups[e[2]]) end
for _, f in ipairs(UNIQUE) do
  local args = {}
  for i = 1, n do
    args[2 * i - 1], args[2 * i] = ARGV[at(i) + 1 + f], ids[i]
  end
  each('HSET', base .. ':uni:' .. F[f], args)
end
-- the module's reply for one model: {1, {deleted, ids, versions}}
return {1, {0, ids, {}}}
