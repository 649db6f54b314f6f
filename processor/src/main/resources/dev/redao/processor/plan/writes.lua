-- The model's part of a write call (a save, a delete, or a transaction over several models), as
-- the runtime's driver uses it: check(work) reads and checks the call's deletes, then its saves,
-- and returns a refusal or nothing; write(work) writes them and returns {deleted count, ids,
-- versions}; publish(work) sends the change events. The driver checks every model before it
-- writes any. register, claim and finish are the steps of a large all-or-nothing batch (see
-- batch.lua).
return {
  parse = parseSaves,
  register = registerBatch,
  claim = claimBatch,
  finish = finishBatch,
  check = function(work)
    work.dying = {}
    work.doomed = checkDeletes(work.deletes, work.dying)
    local result = checkSaves(work.saves, work.dying)
    if result[1] then return result end
    work.plan = result
    return nil
  end,
  write = function(work)
    writeDeletes(work.doomed)
    local ids, versions = writeSaves(work.plan)
    return {#work.doomed, ids, versions}
  end,
  publish = function(work)
    if EVENTS then
      publishDeletes(work.doomed)
      publishSaves(work.plan)
    end
  end,
}
