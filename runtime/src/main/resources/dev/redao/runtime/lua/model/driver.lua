-- KEYS: per model, its id set and id counter. ARGV: per model, the number of objects to save and
-- of ids to delete, then the objects (see the model's save.lua), then the ids, then the number of
-- writes to structure fields and each as id (or ''), the place of its save (or 0), field, command,
-- argument count, arguments (see StructureAccess: they run last, each only if its object exists
-- once the call is done); after them, for the saves of a partitioned model with unique fields
-- (which a call writes alone), the claims' deadline. R[m] lists the references to model m from models of the script, which its deletes
-- follow. The reply is {1, per model {deleted count, ids, versions[, unique values had or, for an
-- expiring model, the count purged]}}, or {0, model, refusal...} when a check fails.
local work, p = {}, 1
for m, model in ipairs(M) do
  local saves, deletes = tonumber(ARGV[p]), tonumber(ARGV[p + 1])
  local w = {queue = {}, doomed = {}, dying = {}, clears = {}, cleared = {}, purged = 0}
  w.saves, p = model.parse(ARGV, p + 2, saves)
  for i = 1, deletes do
    w.queue[i] = ARGV[p]
    p = p + 1
  end
  w.structures, p = model.parseStructureWrites(ARGV, p)
  work[m] = w
end

-- A partitioned model's unique values are claimed in their own partitions first; the write must
-- be done before the claims' deadline (server ms, '' for no claim; see PartitionedUniques). Past
-- it, another writer may resolve the claims: nothing is written.
local deadline = ARGV[p] and tonumber(ARGV[p])
if deadline then
  local time = redis.call('TIME')
  if tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) >= deadline then return {0, 1, 'expired'} end
end

-- 1. Deletes, and the deletes, cleared references and refusals their references lead
-- to, until no object is newly doomed. Each object is doomed once, so this ends. doom() returns
-- how many of the objects it doomed had not passed their deadline.
local restricted = {}
local function doom(m)
  local w = work[m]
  local queue = w.queue
  if #queue == 0 then return 0 end
  w.queue = {}
  local doomed = M[m].checkDeletes(queue, w.dying)
  local live = 0
  for _, o in ipairs(doomed) do
    if not o.expired then live = live + 1 end
    w.doomed[#w.doomed + 1] = o
    for _, r in ipairs(R[m]) do
      local from = work[r[1]]
      for _, rid in ipairs(M[r[1]].referrers(r[2], o.id)) do
        if r[3] == 'CASCADE' then
          from.queue[#from.queue + 1] = rid
        elseif r[3] == 'SET_NULL' then
          from.clears[#from.clears + 1] = {r[2], rid, o.id}
        else
          restricted[#restricted + 1] = {r[1], r[2], rid, m, o.id}
        end
      end
    end
  end
  return live
end
local function followReferences()
  local more = true
  while more do
    more = false
    for m = 1, #M do
      if #work[m].queue > 0 then
        more = true
        doom(m)
      end
    end
  end
end
-- 0. The purge: every call that writes an expiring model first deletes up to PURGE of its objects
-- past their deadline, the earliest first, with what their references lead to, as a delete would
-- (but for the objects the call saves, which it writes as new ones: see save.lua). So the keys of
-- expired objects go with the model's next writes, a bounded number per call.
local asked = {}
for m, model in ipairs(M) do
  asked[m] = work[m].queue
  if model.expiring then
    local saving = {}
    for _, o in ipairs(work[m].saves) do saving[o.id] = true end
    work[m].queue = model.expired(PURGE, saving)
    work[m].purged = #work[m].queue
  else
    work[m].queue = {}
  end
end
followReferences()
-- A RESTRICT reference that a purged object's CASCADE chain reaches refuses that delete: the
-- purge is dropped, and the call goes on without it (nothing is written before step 4).
local refused = false
for _, x in ipairs(restricted) do
  if not work[x[1]].dying[x[3]] then refused = true end
end
if refused then
  restricted = {}
  for m = 1, #M do
    local w = work[m]
    w.doomed, w.dying, w.clears, w.purged = {}, {}, {}, 0
  end
end
-- every model's own deletes are queued before any is doomed, as its cascades add to the queues
for m = 1, #M do work[m].queue = asked[m] end
for m = 1, #M do work[m].direct = doom(m) end
followReferences()
-- 2. A RESTRICT reference refuses the delete, unless the call deletes its holder too.
for _, x in ipairs(restricted) do
  if not work[x[1]].dying[x[3]] then
    return {0, x[4], 'restricted', x[5], x[1], x[2], x[3]}
  end
end

-- 3. Saves, then the references to clear of objects the call neither deletes nor saves.
for m, model in ipairs(M) do
  local w = work[m]
  local result = model.checkSaves(w.saves, w.dying)
  if result[1] then
    if result[1] == 'error' then return redis.error_reply(result[2]) end
    table.insert(result, 1, m)
    table.insert(result, 1, 0)
    return result
  end
  w.plan = result
  local refusal = model.checkStructureWrites(w)
  if refusal then
    if type(refusal) == 'string' then return redis.error_reply(refusal) end
    table.insert(refusal, 1, m)
    table.insert(refusal, 1, 0)
    return refusal
  end
  if #w.clears > 0 then
    local saving = {}
    for _, o in ipairs(w.saves) do saving[o.id] = true end
    w.cleared = model.checkClears(w.clears, w.dying, saving)
  end
end

-- 4. Every check passed: write, then tell subscribers.
local reply = {1}
for m, model in ipairs(M) do reply[m + 1] = model.write(work[m]) end
for m, model in ipairs(M) do model.writeStructures(work[m]) end
for m, model in ipairs(M) do model.publish(work[m]) end
return reply
