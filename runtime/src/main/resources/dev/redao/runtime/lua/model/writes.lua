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
return {
  parse = parseSaves,
  checkDeletes = checkDeletes,
  checkSaves = checkSaves,
  referrers = function(field, id) return refsOnce().referrers(field, id) end,
  checkClears = function(items, dying, saving) return refsOnce().checkClears(items, dying, saving) end,
  write = function(work)
    if #work.doomed > 0 then writeDeletes(work.doomed) end
    if #work.cleared > 0 then refsOnce().writeClears(work.cleared) end
    local ids, versions = writeSaves(work.plan)
    return {work.direct, ids, versions}
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
