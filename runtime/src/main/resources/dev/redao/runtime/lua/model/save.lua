-- Saves, in phases so that a transaction can check every model before any writes: parseSaves
-- reads objects from ARGV, checkSaves reads and checks everything, writeSaves writes.
-- Per object in ARGV: its id ('' = assign one); a mask with one character per field, '1' present,
-- '0' null (removed from the hash), '2' kept as stored (a partial save); the present values; the
-- scores of present scored fields (sorted indexes and the ordering field); for an expiring model,
-- then its expiry: 'k' to keep the object's deadline, 'p' to drop it, or milliseconds from now.

-- An object with every field present (the usual case) skips reading its mask byte by byte.
local fieldCount = #F
local allPresent = string.rep('1', fieldCount)
local function parseSaves(argv, p, n)
  local objs = {}
  for i = 1, n do
    local id, mask = argv[p], argv[p + 1]
    p = p + 2
    local new, scores, keep
    if mask == allPresent then
      new = {unpack(argv, p, p + fieldCount - 1)}
      p = p + fieldCount
    else
      new = {}
      for f = 1, fieldCount do
        local c = string.byte(mask, f)
        if c == 49 then
          new[f] = argv[p]
          p = p + 1
        elseif c == 50 then
          keep = keep or {}
          keep[f] = true
        end
      end
    end
    scores = {}
    for _, f in ipairs(SCORED) do
      if new[f] then scores[f] = argv[p]; p = p + 1 end
    end
    local ttl
    if EXPIRES then
      ttl = argv[p]
      p = p + 1
    end
    objs[i] = {id = id, new = new, scores = scores, keep = keep, index = i, ttl = ttl}
  end
  return objs, p
end

-- An object past its deadline (o.lapsed) is saved as a new one would be: every value it takes is
-- checked, and every index entry it had is written again, after its stale ones are removed.
local function changed(o, f)
  return not o.old or o.lapsed or o.old[f] ~= o.new[f]
end

-- Checks the type of every index key that saving o will write (see expect()).
local function expectWrites(o)
  for _, f in ipairs(SETS) do
    if changed(o, f) then
      if o.new[f] then expect(setKey(f, o.new[f]), 'set') end
      if o.old and o.old[f] then expect(setKey(f, o.old[f]), 'set') end
    end
  end
  for _, f in ipairs(LEX) do
    if changed(o, f) then expect(lexKeys[f], 'zset') end
  end
  for _, f in ipairs(SORTED) do
    if changed(o, f) then expect(sortedKeys[f], 'zset') end
  end
  for i, c in ipairs(COMPOUND) do
    if changed(o, c[1]) or changed(o, c[2]) then
      if o.new[c[1]] and o.new[c[2]] then expect(compoundKey(i, o.new[c[1]]), 'zset') end
      if o.old and o.old[c[1]] and o.old[c[2]] then expect(compoundKey(i, o.old[c[1]]), 'zset') end
      expect(sortedKeys[c[2]], 'zset')
    end
  end
  if not o.old or ORDER > 0 then expect(idset, idsetType) end
  if EXPIRES then expect(expiryKey, 'zset') end
end

-- Reads every object's current tracked values, assigns ids, and checks every claim, version and
-- key that will be written. Returns the plan for writeSaves, or a refusal: {'unique', field,
-- value, holder, index}, {'version', id, given, stored, index}, {'missing', id, index} or
-- {'error', message}. dying holds the ids that the same call deletes.
local function checkSaves(objs, dying)
  local plan = {objs = objs, counterMoved = false}
  if #objs == 0 then return plan end
  -- Explicit ids move the counter first, so that an id assigned here never collides with one
  -- named in the call.
  local counter = nil
  if NUMERIC_ID then counter = read('GET', counterkey) or '0' end
  for _, o in ipairs(objs) do
    if NUMERIC_ID and o.id ~= '' and string.byte(o.id, 1) ~= 35 then
      local count = PARTS > 1 and countOfId(o.id) or o.id
      if idGreater(count, counter) then
        counter = count
        plan.counterMoved = true
      end
    end
  end
  -- An id fresh from the counter names no object: the counter is past every id ever saved.
  -- Rather than read each fresh object's key, one EXISTS on the first fresh id per call catches a
  -- counter that was reset or deleted behind Redao's back, before it could overwrite anything.
  -- A counter of up to 13 digits counts as a Lua number, exact and printed without an exponent,
  -- which is cheaper than idIncrement's text arithmetic.
  local small = NUMERIC_ID and #counter <= 13 and tonumber(counter)
  local byId, firstFresh, lastFresh = {}, nil, nil
  for _, o in ipairs(objs) do
    -- a new object of a partitioned model names its partition: '#p' (see idOfCount)
    local part = PARTS > 1 and string.byte(o.id, 1) == 35 and tonumber(string.sub(o.id, 2))
    local fresh = NUMERIC_ID and (o.id == '' or part)
    if fresh then
      if small and small < 9999999999999 then
        small = small + 1
        counter = tostring(small)
      else
        small = nil
        counter = idIncrement(counter)
      end
      plan.counterMoved = true
      o.id = part and idOfCount(counter, part) or counter
      firstFresh = firstFresh or o.id
      lastFresh = o.id
    end
    if byId[o.id] or (dying and dying[o.id]) then
      return {'error', 'REDAO-DUPLICATE-ID the call writes id ' .. o.id .. ' twice'}
    end
    o.key = base .. ':obj:' .. o.id
    if not fresh then
      local broken
      o.old, broken = readTracked(o.key, o.id)
      if broken then return {'error', broken} end
      o.lapsed = o.old ~= nil and isExpired(o.id)
    end
    byId[o.id] = o
  end
  plan.counter = counter
  -- ids only grow, so the last fresh one tells whether every fresh id fits the id type
  if firstFresh and idGreater(lastFresh, ID_MAX) then
    return {'error', 'REDAO-IDS-EXHAUSTED the next id, ' .. idIncrement(ID_MAX)
        .. ', does not fit the id type (largest ' .. ID_MAX .. ')'}
  end
  if firstFresh and read('EXISTS', base .. ':obj:' .. firstFresh) == 1 then
    return {'error', 'REDAO-COUNTER-BEHIND the id counter ' .. counterkey .. ' would assign ' .. firstFresh
        .. ', which an object already has: the counter was reset or deleted'}
  end
  for _, o in ipairs(objs) do
    -- a partial save keeps stored values, which an object past its deadline no longer has
    if o.lapsed and o.keep then return {'missing', o.id, o.index} end
    local refusal = checkStored(o)
    if refusal then return refusal end
    if VERSION > 0 then o.new[VERSION] = idIncrement(o.old and not o.lapsed and o.old[VERSION] or '0') end
  end

  -- The unique entries the checks below need: the holders of the values objects give up and of
  -- the values they take, read with one HMGET per field (1,000 values to a command) rather than
  -- one HGET per value; and the batch claims on the values they take, one MGET per field.
  local holders, claimants = {}, {}
  for _, f in ipairs(UNIQUE) do
    local wanted, taken, seen = {}, {}, {}
    for _, o in ipairs(objs) do
      local was, v = o.old and o.old[f], o.new[f]
      if was and (was ~= v or o.lapsed) and not seen[was] then
        seen[was] = true
        wanted[#wanted + 1] = was
      end
      if v and changed(o, f) and not seen[v] then
        seen[v] = true
        wanted[#wanted + 1] = v
        taken[#taken + 1] = v
      end
    end
    local found, claimed = {}, {}
    for i = 1, #wanted, 1000 do
      local got = read('HMGET', uniKeys[f], unpack(wanted, i, math.min(i + 999, #wanted)))
      for j = 1, #got do found[wanted[i + j - 1]] = got[j] end
    end
    for i = 1, #taken, 1000 do
      local keys = {}
      for j = i, math.min(i + 999, #taken) do keys[#keys + 1] = claimKey(f, taken[j]) end
      local got = read('MGET', unpack(keys))
      for j = 1, #got do claimed[taken[i + j - 1]] = got[j] end
    end
    holders[f], claimants[f] = found, claimed
  end

  -- The holder of a value gives it up in this call if the call deletes it or saves it with
  -- another value (see keeper()); one saved with the same value meets this object in taking.
  local function releasedBy(f, v)
    return function(holder)
      if dying and dying[holder] then return true end
      local h = byId[holder]
      if h and h.new[f] ~= v then return true end
      return nil
    end
  end
  local taking = {}
  for _, o in ipairs(objs) do
    o.releases = {}
    for _, f in ipairs(UNIQUE) do
      local was = o.old and o.old[f]
      if was and (was ~= o.new[f] or o.lapsed) then
        o.releases[f] = holders[f][was] == o.id
      end
      local v = o.new[f]
      if v then
        taking[f] = taking[f] or {}
        local other = taking[f][v]
        if other then return {'unique', F[f], v, other.id, o.index} end
        taking[f][v] = o
        if changed(o, f) then
          local kept = keeper(o, f, v, claimants[f][v], holders[f][v], releasedBy(f, v))
          if kept then return {'unique', F[f], v, kept, o.index} end
        end
      end
    end
    expectWrites(o)
  end
  return plan
end

-- Writes a checked plan. Every object first gives up what it no longer holds, then claims, so
-- that objects of one call can exchange unique values. Index writes are grouped by key (see
-- writes()). Returns the ids and, for a model with a version, the new versions.
local function writeSaves(plan)
  local objs = plan.objs
  if #objs == 0 then return {}, {} end
  local removals, additions = writes(#objs == 1), writes(#objs == 1)
  for _, o in ipairs(objs) do
    if o.old then
      local lapsed = o.lapsed
      for _, f in ipairs(UNIQUE) do
        if o.releases[f] then removals.add('HDEL', uniKeys[f], o.old[f]) end
      end
      for _, f in ipairs(SETS) do
        local was = o.old[f]
        if was and (was ~= o.new[f] or lapsed) then removals.add('SREM', setKey(f, was), o.id) end
      end
      for _, f in ipairs(LEX) do
        local was = o.old[f]
        if was and (was ~= o.new[f] or lapsed) then removals.add('ZREM', lexKeys[f], lexMember(was, o.id)) end
      end
      for _, f in ipairs(SORTED) do
        if o.old[f] and not o.new[f] then removals.add('ZREM', sortedKeys[f], o.id) end
      end
      -- an entry moves when the first field's value changes, and goes when either value does
      for i, c in ipairs(COMPOUND) do
        local first = o.old[c[1]]
        if first and o.old[c[2]] and (first ~= o.new[c[1]] or not o.new[c[2]]) then
          removals.add('ZREM', compoundKey(i, first), o.id)
        end
      end
      local gone = {}
      for f = 1, #F do
        if not o.new[f] and not (o.keep and o.keep[f]) then gone[#gone + 1] = F[f] end
      end
      if #gone > 0 then redis.call('HDEL', o.key, unpack(gone)) end
    end
  end
  removals.flush()
  -- one table of HSET arguments, refilled for each object
  local ids, versions, fields = {}, {}, {ID}
  for i, o in ipairs(objs) do
    local k, new, keep = 2, o.new, o.keep
    -- an object past its deadline has its index entries written as a new one's (see changed())
    local old = not o.lapsed and o.old
    fields[2] = o.id
    for f = 1, fieldCount do
      local v = new[f]
      if v and not (keep and keep[f]) then
        fields[k + 1] = F[f]
        fields[k + 2] = v
        k = k + 2
      end
    end
    redis.call('HSET', o.key, unpack(fields, 1, k))
    if ORDER > 0 then
      if not (o.keep and o.keep[ORDER]) then
        additions.add('ZADD', idset, o.scores[ORDER] or (ORDER_DESC and '-inf' or '+inf'), o.id)
      end
    elseif not o.old then
      additions.add('SADD', idset, o.id)
    end
    -- changed(o, f), inlined: these loops run for every object and field of a large batch
    for _, f in ipairs(UNIQUE) do
      if new[f] and (not old or old[f] ~= new[f]) then additions.add('HSET', uniKeys[f], new[f], o.id) end
    end
    for _, f in ipairs(SETS) do
      if new[f] and (not old or old[f] ~= new[f]) then additions.add('SADD', setKey(f, new[f]), o.id) end
    end
    for _, f in ipairs(LEX) do
      if new[f] and (not old or old[f] ~= new[f]) then additions.add('ZADD', lexKeys[f], 0, lexMember(new[f], o.id)) end
    end
    for _, f in ipairs(SORTED) do
      if new[f] and (not old or old[f] ~= new[f]) then additions.add('ZADD', sortedKeys[f], o.scores[f], o.id) end
    end
    for i, c in ipairs(COMPOUND) do
      local a, b = c[1], c[2]
      if new[a] and new[b] and (not old or old[a] ~= new[a] or old[b] ~= new[b]) then
        -- a partial save that keeps the second field sends no score for it: its sorted index has it
        local score = o.scores[b] or redis.call('ZSCORE', sortedKeys[b], o.id)
        if score then additions.add('ZADD', compoundKey(i, new[a]), score, o.id) end
      end
    end
    if EXPIRES then
      local ttl = o.ttl
      if ttl == 'p' or (ttl == 'k' and o.lapsed) then
        additions.add('ZREM', expiryKey, o.id)
      elseif ttl ~= 'k' then
        additions.add('ZADD', expiryKey, serverNow() + tonumber(ttl), o.id)
      end
    end
    ids[i] = o.id
    if VERSION > 0 then versions[i] = o.new[VERSION] end
  end
  additions.flush()
  if plan.counterMoved then redis.call('SET', counterkey, plan.counter) end
  return ids, versions
end

-- One event per object, after every write. A new object's event names its present fields; an
-- existing one's names the fields whose stored value changed (every field is tracked when events
-- are on, so o.old holds all of them), possibly none.
local function publishSaves(plan)
  for _, o in ipairs(plan.objs) do
    local fields = {}
    for f = 1, #F do
      local differs
      if o.old then differs = o.old[f] ~= o.new[f] else differs = o.new[f] ~= nil end
      if differs then fields[#fields + 1] = F[f] end
    end
    publishEvent('saved', o.id, fields)
  end
end
