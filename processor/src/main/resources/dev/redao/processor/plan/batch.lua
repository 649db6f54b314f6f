-- An all-or-nothing batch larger than one script (ModelDao.saveAll with ALL_OR_NOTHING) claims
-- every unique value of the batch before it writes any object, in four kinds of bounded scripts:
-- 1. register: each object's new unique values go to temporary hashes
--    {<model>}:tmp:<batch>:<field> (id -> value, '' for none), so that a claim can tell whether
--    a holder that belongs to the batch gives its value up;
-- 2. claim: checks each value and points its unique entry at the object, which joins the sorted
--    set {<model>}:pending (scored by a deadline in ms): holds() treats a pending holder as holding
--    what it claimed, so other writers cannot take the value in the meantime;
-- 3. the objects are saved by ordinary save scripts, which find their values held by themselves;
-- 4. finish removes the objects from the pending set and deletes the temporary hashes; after a
--    refusal it is also given the claims to give up, and puts back the entries they replaced.
-- Built only by the batch scripts (writes.lua).
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

  -- Returns {'ok', claims} where claims lists field, value, id and the holder it replaced ('' for
  -- none) of each value newly claimed, or a refusal as checkSaves returns it. The keys the saves
  -- will write are checked here too, so that the writing scripts find nothing to refuse but what
  -- changes while the batch runs. firstFresh is the first id the client reserved for new
  -- objects ('' for none): such an id must not name an object yet.
  local function claimBatch(objs, token, deadline, firstFresh)
    local claims, byValue = {}, {}
    for _, o in ipairs(objs) do
      o.key = base .. ':obj:' .. o.id
      o.old = readTracked(o.key)
      if o.old and firstFresh ~= '' and not idGreater(firstFresh, o.id) then
        return {'error', 'REDAO-COUNTER-BEHIND the id counter ' .. counterkey .. ' gave ' .. o.id
            .. ', which an object already has: the counter was reset or deleted'}
      end
      if o.keep then
        if not o.old then return {'missing', o.id, o.index} end
        for f in pairs(o.keep) do o.new[f] = o.old[f] end
      end
      -- a stale version is refused here too, before any object is written (a save between this
      -- claim and the object's write can still make that write fail)
      if VERSION > 0 then
        local refusal = checkVersion(o)
        if refusal then return refusal end
      end
      for _, f in ipairs(UNIQUE) do
        local v = o.new[f]
        if v then
          byValue[f] = byValue[f] or {}
          local other = byValue[f][v]
          if other then return {'unique', F[f], v, other.id, o.index} end
          byValue[f][v] = o
          local holder = read('HGET', uniKeys[f], v)
          if holder ~= o.id then
            if holder then
              -- a holder of the batch keeps the value only if its new value is the same
              local theirs = read('HGET', batchTable(token, f), holder)
              local free
              if theirs then free = theirs ~= v else free = not holds(holder, f, v) end
              if not free then return {'unique', F[f], v, holder, o.index} end
            end
            claims[#claims + 1] = {f, v, o.id, holder or ''}
          end
        end
      end
      expectWrites(o)
    end
    expect(base .. ':pending', 'zset')
    local made, pending = {}, {}
    for _, c in ipairs(claims) do
      redis.call('HSET', uniKeys[c[1]], c[2], c[3])
      made[#made + 1] = F[c[1]]
      made[#made + 1] = c[2]
      made[#made + 1] = c[3]
      made[#made + 1] = c[4]
    end
    for _, o in ipairs(objs) do
      pending[#pending + 1] = deadline
      pending[#pending + 1] = o.id
    end
    redis.call('ZADD', base .. ':pending', unpack(pending))
    return {'ok', made}
  end

  -- claims: field name, value, id and replaced holder, as claimBatch returned them; ids: the batch's ids.
  local function finishBatch(token, ids, claims)
    for i = 1, #claims, 4 do
      local key = base .. ':uni:' .. claims[i]
      if redis.call('HGET', key, claims[i + 1]) == claims[i + 2] then
        if claims[i + 3] ~= '' then
          redis.call('HSET', key, claims[i + 1], claims[i + 3])
        else
          redis.call('HDEL', key, claims[i + 1])
        end
      end
    end
    for i = 1, #ids, 1000 do
      redis.call('ZREM', base .. ':pending', unpack(ids, i, math.min(i + 999, #ids)))
    end
    for _, f in ipairs(UNIQUE) do redis.call('DEL', batchTable(token, f)) end
    return #ids
  end
  return {register = registerBatch, claim = claimBatch, finish = finishBatch}
end
