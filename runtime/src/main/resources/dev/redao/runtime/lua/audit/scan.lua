-- One step of the audit's walk over the model's keys (of one partition of a partitioned model):
-- SCAN with MATCH on the hash tag, so only the model's keys come back, until about ARGV[2] keys
-- were looked at, ARGV[3] SCAN calls were made, or the cursor is back at 0. Each object hash is
-- checked against the id set and every index and unique entry its values call for, in this one
-- script, so what it reports was true at one moment. Objects are decoded and scored by the
-- caller, in Java, as a save scores them: the reply carries their fields.
-- KEYS: the id set. ARGV: the SCAN cursor, the most keys to look at, the most SCAN calls, and
-- optionally object keys to check instead of scanning (a repair looks again at objects that
-- changed while it read them).
-- Replies {cursor, server time (ms), keys looked at, objects, set index keys, keys without a time
-- to live, claims, keys of the wrong type, keys of indexes the model does not have, compound index
-- keys, structure keys of no object}, where each object is
-- {id, in the id set (1, 0, the score of an ordered model, or -1: unknown), its fields (id first),
--  whether it is past its deadline (1, 0 or -1), per SETS field: SISMEMBER (false: no value, -1: unknown), per SORTED field: ZSCORE,
--  per LEX field: ZSCORE of its member, per UNIQUE field: holder, whether the holder has the value
--  (1/0, an object past its deadline has none; false when the holder is the object), the value's claim (read only when the holder is
--  not the object), per COMPOUND index: ZSCORE in the key of its first field's value (false when either
--  field has no value)}
-- set index keys, compound index keys and claims are flat pairs (field position and key; COMPOUND
-- position and key; key and claim text), and so are structure keys of no object (key and id).
local cursor, budget, calls = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local prefix = base .. ':'
local pattern = string.gsub(prefix, '[%*%?%[%]\\]', '\\%0') .. '*'
local names = {ID, unpack(F)}
local isSet, isSorted, isLex, isUnique = {}, {}, {}, {}
for _, f in ipairs(SETS) do isSet[f] = true end
for _, f in ipairs(SORTED) do isSorted[f] = true end
for _, f in ipairs(LEX) do isLex[f] = true end
for _, f in ipairs(UNIQUE) do isUnique[f] = true end
-- 'first:second' of each compound index → its position in COMPOUND
local compoundOf = {}
for c, pair in ipairs(COMPOUND) do compoundOf[F[pair[1]] .. ':' .. F[pair[2]]] = c end
-- the structure fields' names (STRUCTURES holds their key prefixes, ':st:<field>:')
local isStructure = {}
for _, p in ipairs(STRUCTURES) do isStructure[string.sub(p, 5, -2)] = true end

-- the keys of an index, a unique hash or deadlines the model no longer has (a field was indexed,
-- unique or the model expiring once): no write of the model reads or writes them any more
local objects, setKeys, untimed, claims, unused, cidxKeys, orphans = {}, {}, {}, {}, {}, {}, {}
local looked = 0

local function unknownOr(v)
  if v == nil then return -1 end
  return v
end

local function checkObject(key, id)
  local row = try('HMGET', key, unpack(names))
  if row == nil then return end
  local live, score = liveness(id)
  local o = {id, -1, row, 0}
  if live ~= nil then o[2] = (ORDER > 0 and (score or 0)) or (live and 1 or 0) end
  if live then
    local expired = isExpired(id)
    o[4] = expired == nil and -1 or (expired and 1 or 0)
    for _, f in ipairs(SETS) do
      local v = row[f + 1]
      o[#o + 1] = v and unknownOr(try('SISMEMBER', setKey(f, v), id))
    end
    for _, f in ipairs(SORTED) do
      o[#o + 1] = row[f + 1] and unknownOr(try('ZSCORE', sortedKey(f), id))
    end
    for _, f in ipairs(LEX) do
      local v = row[f + 1]
      o[#o + 1] = v and unknownOr(try('ZSCORE', lexKey(f), lexMember(v, id)))
    end
    for _, f in ipairs(UNIQUE) do
      local v = row[f + 1]
      local holder, has, claim = false, false, false
      if v then
        holder = unknownOr(try('HGET', uniKey(f), v))
        if holder ~= -1 and holder ~= id then
          if holder then
            has = unknownOr(holdsUnique(holder, f, v))
            if has ~= -1 then has = has and 1 or 0 end
          end
          -- a running batch's claim on the value decides who takes it (read only when it may matter)
          claim = unknownOr(try('GET', claimKey(f, v)))
        end
      end
      o[#o + 1] = holder
      o[#o + 1] = has
      o[#o + 1] = claim
    end
    for c, pair in ipairs(COMPOUND) do
      local v = row[pair[1] + 1]
      o[#o + 1] = (v and row[pair[2] + 1]) and unknownOr(try('ZSCORE', cidxKey(c, v), id))
    end
  end
  objects[#objects + 1] = o
end

local function classify(key)
  local rest = string.sub(key, #prefix + 1)
  local kind = string.match(rest, '^(%a+):')
  if kind == 'obj' then
    checkObject(key, string.sub(rest, 5))
  elseif kind == 'idx' then
    local field = string.match(rest, '^idx:([^:]+):')
    local f = field and positionOf[field]
    if f and isSet[f] then
      setKeys[#setKeys + 1] = f
      setKeys[#setKeys + 1] = key
    elseif field then
      unused[#unused + 1] = key
    else
      local sorted = positionOf[string.sub(rest, 5)]
      if not (sorted and isSorted[sorted]) then unused[#unused + 1] = key end
    end
  elseif kind == 'cidx' then
    -- cidx:<first>:<second>:<value>: field names hold no ':', values may
    local first, second = string.match(rest, '^cidx:([^:]+):([^:]+):')
    local c = first and compoundOf[first .. ':' .. second]
    if c then
      cidxKeys[#cidxKeys + 1] = c
      cidxKeys[#cidxKeys + 1] = key
    else
      unused[#unused + 1] = key
    end
  elseif kind == 'st' then
    -- st:<field>:<id>: a structure field's key lives only with its object; one of a field the
    -- model no longer has is unused
    local field, id = string.match(rest, '^st:([^:]+):(.*)$')
    if not (field and isStructure[field]) then
      unused[#unused + 1] = key
    elseif redis.call('EXISTS', prefix .. 'obj:' .. id) == 0 then
      orphans[#orphans + 1] = key
      orphans[#orphans + 1] = id
    end
  elseif kind == 'lex' then
    local f = positionOf[string.sub(rest, 5)]
    if not (f and isLex[f]) then unused[#unused + 1] = key end
  elseif kind == 'uni' and PARTS == 1 then
    -- (a partitioned model's unique hashes hold the values of its partition's share: see PartitionedUniques)
    local f = positionOf[string.sub(rest, 5)]
    if not (f and isUnique[f]) then unused[#unused + 1] = key end
  elseif rest == 'exp' and not EXPIRES then
    unused[#unused + 1] = key
  elseif kind == 'tmp' or (kind == 'claim' and PARTS == 1) then
    -- an all-or-nothing batch's key: it must expire at the batch's deadline
    if redis.call('PTTL', key) == -1 then untimed[#untimed + 1] = key end
  elseif kind == 'claim' then
    -- a partitioned model's claim has no time to live (see unique/claim.lua): its text says when it ends
    local text = try('GET', key)
    if text then
      claims[#claims + 1] = key
      claims[#claims + 1] = text
    end
  end
end

if #ARGV > 3 then
  for i = 4, #ARGV do
    looked = looked + 1
    classify(ARGV[i])
  end
  cursor = '0'
else
  local n = 0
  repeat
    local page = redis.call('SCAN', cursor, 'MATCH', pattern, 'COUNT', math.max(budget - looked, 10))
    cursor = page[1]
    n = n + 1
    for _, key in ipairs(page[2]) do
      looked = looked + 1
      classify(key)
    end
  until cursor == '0' or looked >= budget or n >= calls
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
return {cursor, tostring(now), looked, objects, setKeys, untimed, claims, wrongKeys, unused, cidxKeys, orphans}
