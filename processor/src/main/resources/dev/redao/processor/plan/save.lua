-- KEYS: id set, id counter. ARGV: object count, then per object: id ('' = assign one), a mask of
-- '1'/'0' per field (present or null), the present values, the scores of present scored fields
-- (sorted indexes and the ordering field).
local counterkey = KEYS[2]

-- Numeric ids are compared and counted as decimal text: Lua numbers are doubles, which are
-- exact only up to 2^53, and a Long id can be larger.
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

-- 1. Read the call: assign ids, read every object's current tracked values. Explicit ids move
-- the counter first, so that an id assigned here never collides with one named in the call.
local objs, byId = {}, {}
local counter, counterMoved = nil, false
if NUMERIC_ID then counter = read('GET', counterkey) or '0' end
local p = 2
for i = 1, tonumber(ARGV[1]) do
  local id, mask = ARGV[p], ARGV[p + 1]
  p = p + 2
  local new, scores = {}, {}
  for f = 1, #F do
    if string.byte(mask, f) == 49 then new[f] = ARGV[p]; p = p + 1 end
  end
  for _, f in ipairs(SCORED) do
    if new[f] then scores[f] = ARGV[p]; p = p + 1 end
  end
  if NUMERIC_ID and id ~= '' and idGreater(id, counter) then
    counter = id
    counterMoved = true
  end
  objs[i] = {id = id, new = new, scores = scores}
end
-- An id fresh from the counter names no object: the counter is past every id ever saved. Rather
-- than read each fresh object's key, one EXISTS on the first fresh id per call catches a counter
-- that was reset or deleted behind Redao's back, before it could overwrite anything.
local firstFresh = nil
for _, o in ipairs(objs) do
  local fresh = NUMERIC_ID and o.id == ''
  if fresh then
    counter = idIncrement(counter)
    counterMoved = true
    o.id = counter
    firstFresh = firstFresh or o.id
  end
  if byId[o.id] then
    return redis.error_reply('REDAO-DUPLICATE-ID the call saves id ' .. o.id .. ' twice')
  end
  o.key = base .. ':obj:' .. o.id
  if not fresh then o.old = readTracked(o.key) end
  byId[o.id] = o
end
-- the counter only grows, so its last value tells whether every fresh id fits the id type
if firstFresh and idGreater(counter, ID_MAX) then
  return redis.error_reply('REDAO-IDS-EXHAUSTED the next id, ' .. idIncrement(ID_MAX)
      .. ', does not fit the id type (largest ' .. ID_MAX .. ')')
end
if firstFresh and read('EXISTS', base .. ':obj:' .. firstFresh) == 1 then
  return redis.error_reply('REDAO-COUNTER-BEHIND the id counter ' .. counterkey .. ' would assign ' .. firstFresh
      .. ', which an object already has: the counter was reset or deleted')
end

local function changed(o, f)
  return not o.old or o.old[f] ~= o.new[f]
end

-- 2. Check every claim, and every key that will be written, before the first write. A value is
-- free if nobody holds it, if its holder is gone, or if its holder gives it up in this same call.
local claims = {}
for i, o in ipairs(objs) do
  o.releases = {}
  for _, f in ipairs(UNIQUE) do
    local was = o.old and o.old[f]
    if was and was ~= o.new[f] then
      o.releases[f] = read('HGET', base .. ':uni:' .. F[f], was) == o.id
    end
    local v = o.new[f]
    if v then
      claims[f] = claims[f] or {}
      local other = claims[f][v]
      if other then return {0, F[f], v, other.id, i} end
      claims[f][v] = o
      if changed(o, f) then
        local holder = read('HGET', base .. ':uni:' .. F[f], v)
        if holder and holder ~= o.id then
          local h = byId[holder]
          local released = h and h.new[f] ~= v
          if not released and isLive(holder) then
            return {0, F[f], v, holder, i}
          end
        end
      end
    end
  end
  for _, f in ipairs(SETS) do
    if changed(o, f) then
      if o.new[f] then expect(base .. ':idx:' .. F[f] .. ':' .. o.new[f], 'set') end
      if o.old and o.old[f] then expect(base .. ':idx:' .. F[f] .. ':' .. o.old[f], 'set') end
    end
  end
  for _, f in ipairs(LEX) do
    if changed(o, f) then expect(base .. ':lex:' .. F[f], 'zset') end
  end
  for _, f in ipairs(SORTED) do
    if changed(o, f) then expect(base .. ':idx:' .. F[f], 'zset') end
  end
  if not o.old or ORDER > 0 then expect(idset, idsetType) end
end

-- 3. Write. Every object first gives up what it no longer holds, then claims, so that objects of
-- one call can exchange unique values. Index writes are grouped by key (see writes()).
local removals, additions = writes(#objs == 1), writes(#objs == 1)
for _, o in ipairs(objs) do
  if o.old then
    for _, f in ipairs(UNIQUE) do
      if o.releases[f] then removals.add('HDEL', base .. ':uni:' .. F[f], o.old[f]) end
    end
    for _, f in ipairs(SETS) do
      local was = o.old[f]
      if was and was ~= o.new[f] then removals.add('SREM', base .. ':idx:' .. F[f] .. ':' .. was, o.id) end
    end
    for _, f in ipairs(LEX) do
      local was = o.old[f]
      if was and was ~= o.new[f] then removals.add('ZREM', base .. ':lex:' .. F[f], lexMember(was, o.id)) end
    end
    for _, f in ipairs(SORTED) do
      if o.old[f] and not o.new[f] then removals.add('ZREM', base .. ':idx:' .. F[f], o.id) end
    end
    local gone = {}
    for f = 1, #F do
      if not o.new[f] then gone[#gone + 1] = F[f] end
    end
    if #gone > 0 then redis.call('HDEL', o.key, unpack(gone)) end
  end
end
removals.flush()
local reply = {1}
for i, o in ipairs(objs) do
  local fields = {ID, o.id}
  for f = 1, #F do
    if o.new[f] then
      fields[#fields + 1] = F[f]
      fields[#fields + 1] = o.new[f]
    end
  end
  redis.call('HSET', o.key, unpack(fields))
  if ORDER > 0 then
    additions.add('ZADD', idset, o.scores[ORDER] or (ORDER_DESC and '-inf' or '+inf'), o.id)
  elseif not o.old then
    additions.add('SADD', idset, o.id)
  end
  for _, f in ipairs(UNIQUE) do
    if o.new[f] and changed(o, f) then additions.add('HSET', base .. ':uni:' .. F[f], o.new[f], o.id) end
  end
  for _, f in ipairs(SETS) do
    if o.new[f] and changed(o, f) then additions.add('SADD', base .. ':idx:' .. F[f] .. ':' .. o.new[f], o.id) end
  end
  for _, f in ipairs(LEX) do
    if o.new[f] and changed(o, f) then additions.add('ZADD', base .. ':lex:' .. F[f], 0, lexMember(o.new[f], o.id)) end
  end
  for _, f in ipairs(SORTED) do
    if o.new[f] and changed(o, f) then additions.add('ZADD', base .. ':idx:' .. F[f], o.scores[f], o.id) end
  end
  reply[i + 1] = o.id
end
additions.flush()
if counterMoved then redis.call('SET', counterkey, counter) end

-- 4. Tell subscribers, one event per object, after every write. A new object's event names its
-- present fields; an existing one's names the fields whose stored value changed (every field is
-- tracked when events are on, so o.old holds all of them), possibly none.
if EVENTS then
  for _, o in ipairs(objs) do
    local fields = {}
    for f = 1, #F do
      local differs
      if o.old then differs = o.old[f] ~= o.new[f] else differs = o.new[f] ~= nil end
      if differs then fields[#fields + 1] = F[f] end
    end
    publishEvent('saved', o.id, fields)
  end
end
return reply
