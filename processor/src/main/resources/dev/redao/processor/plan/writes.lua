-- The model's part of a write call (a save, a delete, or a transaction over several models), as
-- the runtime's driver uses it: the driver runs every model's checks (deletes and the cascades
-- they start, then saves and cleared references) before it writes anything anywhere. register,
-- claim and finish are the steps of a large all-or-nothing batch (see batch.lua).
return {
  parse = parseSaves,
  checkDeletes = checkDeletes,
  referrers = referrers,
  checkSaves = checkSaves,
  checkClears = checkClears,
  write = function(work)
    writeDeletes(work.doomed)
    writeClears(work.cleared)
    local ids, versions = writeSaves(work.plan)
    return {work.direct, ids, versions}
  end,
  publish = function(work)
    if EVENTS then
      publishDeletes(work.doomed)
      publishClears(work.cleared)
      publishSaves(work.plan)
    end
  end,
  register = registerBatch,
  claim = claimBatch,
  finish = finishBatch,
}
