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
return {
  expiring = EXPIRES,
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
