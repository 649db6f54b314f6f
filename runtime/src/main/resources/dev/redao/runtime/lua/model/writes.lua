-- The model's part of a write call (a save, a delete, or a transaction over several models), as
-- the runtime's driver uses it: the driver runs every model's checks (deletes and the cascades
-- they start, then saves and cleared references) before it writes anything anywhere. batch()
-- gives the steps of a large all-or-nothing batch (see batch.lua). The reference steps are built
-- on first use: most calls follow no reference.
local refs
local function refsOnce()
  refs = refs or refSteps()
  return refs
end

-- A partitioned model's unique entries live in the partitions of their values (CLAIMED, see
-- PartitionedUniques), which the runtime updates after the write: it needs the values each saved
-- object had (false for none), and each deleted object's id with the values it had.
local function claimedValuesHad(work)
  local saved, deleted = {}, {}
  for _, o in ipairs(work.plan.objs) do
    for _, f in ipairs(CLAIMED) do saved[#saved + 1] = o.old and o.old[f] or false end
  end
  for _, o in ipairs(work.doomed) do
    deleted[#deleted + 1] = o.id
    for _, f in ipairs(CLAIMED) do deleted[#deleted + 1] = o.old[f] or false end
  end
  return saved, deleted
end
-- Writes to structure fields (docs/structures.md) in a transaction: each names its object (its id,
-- or the place of its save in the call), the field, the command (or 'append' for a time series)
-- and its arguments.
local structureTypes = {RPUSH = 'list', LPUSH = 'list', SADD = 'set', SREM = 'set', ZADD = 'zset',
  ZREM = 'zset', HSET = 'hash', HDEL = 'hash', append = 'zset'}
local function parseStructureWrites(argv, p)
  local writes, count = {}, tonumber(argv[p])
  p = p + 1
  for i = 1, count do
    local n = tonumber(argv[p + 4])
    local w = {id = argv[p], save = tonumber(argv[p + 1]), field = argv[p + 2], command = argv[p + 3], args = {}}
    for j = 1, n do w.args[j] = argv[p + 4 + j] end
    writes[i] = w
    p = p + 5 + n
  end
  return writes, p
end
-- Each write's object must exist once the call is done: saved by it, or there and not deleted by
-- it. A key of another type than the command's refuses the call, before anything is written.
local function checkStructureWrites(work)
  if #work.structures == 0 then return nil end
  local saved = {}
  for _, o in ipairs(work.plan and work.plan.objs or {}) do
    if o.id then saved[o.id] = true end
  end
  for _, s in ipairs(work.structures) do
    -- the object of the call's save-th save, whose id (a new one the server assigns) is known now
    if s.save > 0 then s.id = work.plan.objs[s.save].id end
    if not saved[s.id] and (work.dying[s.id] or redis.call('EXISTS', base .. ':obj:' .. s.id) == 0
        or EXPIRES and isExpired(s.id)) then
      return {'structure', s.id, s.field}
    end
    s.key = base .. ':st:' .. s.field .. ':' .. s.id
    local held, want = redis.call('TYPE', s.key)['ok'], structureTypes[s.command]
    if held ~= 'none' and held ~= want then
      return 'REDAO-WRONGTYPE ' .. s.key .. ' holds a ' .. held .. ' where a ' .. want .. ' belongs'
    end
  end
  return nil
end
local function writeStructures(work)
  for _, s in ipairs(work.structures) do
    if s.command == 'append' then
      -- a time series holds one value per millisecond: '<ms>:<value>' scored by the millisecond
      redis.call('ZREMRANGEBYSCORE', s.key, s.args[1], s.args[1])
      redis.call('ZADD', s.key, s.args[1], s.args[1] .. ':' .. s.args[2])
    else
      redis.call(s.command, s.key, unpack(s.args))
    end
  end
end
return {
  expiring = EXPIRES,
  parseStructureWrites = parseStructureWrites,
  checkStructureWrites = checkStructureWrites,
  writeStructures = writeStructures,
  expired = expiredIds,
  parse = parseSaves,
  checkDeletes = checkDeletes,
  checkSaves = checkSaves,
  referrers = function(field, id) return refsOnce().referrers(field, id) end,
  checkClears = function(items, dying, saving) return refsOnce().checkClears(items, dying, saving) end,
  write = function(work)
    if #work.doomed > 0 then writeDeletes(work.doomed) end
    if #work.cleared > 0 then refsOnce().writeClears(work.cleared) end
    local ids, versions = writeSaves(work.plan)
    if EXPIRES then return {work.direct, ids, versions, work.purged} end
    if #CLAIMED == 0 then return {work.direct, ids, versions} end
    local saved, deleted = claimedValuesHad(work)
    return {work.direct, ids, versions, saved, deleted}
  end,
  publish = function(work)
    if EVENTS then
      publishDeletes(work.doomed)
      if #work.cleared > 0 then refsOnce().publishClears(work.cleared) end
      publishSaves(work.plan)
    end
  end,
  batch = batchSteps,
}
