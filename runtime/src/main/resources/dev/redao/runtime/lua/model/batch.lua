-- An all-or-nothing batch larger than one script (ModelDao.saveAll with ALL_OR_NOTHING) claims
-- every unique value of the batch before it writes any object, in three kinds of bounded scripts
-- and the ordinary saves:
-- 1. register: each object's new unique values go to temporary hashes
--    {<model>}:tmp:<batch>:<field> (id -> value, '' for none), so that a claim can tell whether
--    a holder that belongs to the batch gives its value up;
-- 2. claim: checks each value and claims it for its object with a key of its own,
--    {<model>}:claim:<field>:<value> (the object's id), that expires at the batch's deadline
--    (see claimKey()). Every save reads the claims on the values it takes, so other writers cannot
--    take a claimed value in the meantime, while unique hashes keep holding committed values only:
--    a claim is never visible to a query or to getBy<Unique>;
-- 3. the objects are saved by ordinary save scripts, which find their values claimed for
--    themselves and take them from the holders that the claims found giving them up;
-- 4. finish deletes the claims that still name their object and the temporary hashes, whether
--    the batch was written or refused.
-- A client that dies part-way leaves claims and temporary hashes that Redis deletes at the
-- deadline, and nothing else. Built only by the batch scripts (writes.lua).
local function batchSteps()
  local function batchTable(token, f)
    return base .. ':tmp:' .. token .. ':' .. F[f]
  end

  local function registerBatch(objs, token, ttl)
    for _, f in ipairs(UNIQUE) do
      local key, entries = batchTable(token, f), {}
      for _, o in ipairs(objs) do
        if not (o.keep and o.keep[f]) then
          entries[#entries + 1] = o.id
          entries[#entries + 1] = o.new[f] or ''
        end
      end
      if #entries > 0 then
        redis.call('HSET', key, unpack(entries))
        redis.call('PEXPIRE', key, ttl)
      end
    end
    return #objs
  end

  -- Returns {'ok', claims} where claims lists the field, value and id of each value newly
  -- claimed, or a refusal as checkSaves returns it. The keys the saves will write are checked
  -- here too, so that the writing scripts find nothing to refuse but what changes while the batch
  -- runs. firstFresh is the first id the client reserved for new objects ('' for none): such an
  -- id must not name an object yet. A claim lasts ttl ms.
  local function claimBatch(objs, token, ttl, firstFresh)
    local claims, byValue = {}, {}
    for _, o in ipairs(objs) do
      o.key = base .. ':obj:' .. o.id
      local broken
      o.old, broken = readTracked(o.key, o.id)
      if broken then return {'error', broken} end
      if o.old and firstFresh ~= '' and not idGreater(firstFresh, o.id) then
        return {'error', 'REDAO-COUNTER-BEHIND the id counter ' .. counterkey .. ' gave ' .. o.id
            .. ', which an object already has: the counter was reset or deleted'}
      end
      -- a stale version is refused here too, before any object is written (a save between this
      -- claim and the object's write can still make that write fail)
      local refusal = checkStored(o)
      if refusal then return refusal end
      for _, f in ipairs(UNIQUE) do
        local v = o.new[f]
        if v then
          byValue[f] = byValue[f] or {}
          local other = byValue[f][v]
          if other then return {'unique', F[f], v, other.id, o.index} end
          byValue[f][v] = o
          -- A claim naming another object is another batch's, or another object's of this one;
          -- one naming this object was left by an earlier batch that died, and proves nothing,
          -- so the holder is checked again. A holder that belongs to the batch gives the value
          -- up if its new value differs.
          local claimant = read('GET', claimKey(f, v))
          if claimant == o.id then claimant = nil end
          local holder = read('HGET', uniKeys[f], v)
          local kept = keeper(o, f, v, claimant, holder, function(h)
            local theirs = read('HGET', batchTable(token, f), h)
            if theirs then return theirs ~= v end
            return nil
          end)
          if kept then return {'unique', F[f], v, kept, o.index} end
          if holder ~= o.id then claims[#claims + 1] = {f, v, o.id} end
        end
      end
      expectWrites(o)
    end
    local made = {}
    for _, c in ipairs(claims) do
      redis.call('SET', claimKey(c[1], c[2]), c[3], 'PX', ttl)
      made[#made + 1] = F[c[1]]
      made[#made + 1] = c[2]
      made[#made + 1] = c[3]
    end
    return {'ok', made}
  end

  -- claims: field name, value and id, as claimBatch returned them. A claim is deleted only if it
  -- still names its object: past the deadline, another batch may have claimed the value since.
  local function finishBatch(token, claims)
    for i = 1, #claims, 3 do
      local key = base .. ':claim:' .. claims[i] .. ':' .. claims[i + 1]
      if redis.call('GET', key) == claims[i + 2] then redis.call('DEL', key) end
    end
    for _, f in ipairs(UNIQUE) do redis.call('DEL', batchTable(token, f)) end
    return #claims / 3
  end
  return {register = registerBatch, claim = claimBatch, finish = finishBatch}
end
