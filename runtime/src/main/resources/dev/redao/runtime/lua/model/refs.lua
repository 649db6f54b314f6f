-- References to other objects (@References), as the driver of a write call uses them when an
-- object they point at is deleted: referrers() finds the objects of this model that reference
-- it, checkClears() and writeClears() set their reference to null (onDelete = SET_NULL).
-- Built only by a call that needs them (writes.lua), so that other calls do not pay for their
-- closures.
local function refSteps()
  local function position(name)
    for f = 1, #F do
      if F[f] == name then return f end
    end
    error('REDAO-SCHEMA model has no field ' .. name)
  end

  -- The ids of the objects whose reference field names id: the field's index set.
  local function referrers(field, id)
    return read('SMEMBERS', base .. ':idx:' .. field .. ':' .. id)
  end

  -- items: {field, id of the referrer, id it references}. Objects the same call deletes or saves
  -- are left alone: the delete removes them, the save decides their value.
  local function checkClears(items, dying, saving)
    local plan, seen = {}, {}
    for _, item in ipairs(items) do
      local field, id, target = item[1], item[2], item[3]
      local once = field .. '\0' .. id
      if not seen[once] and not dying[id] and not saving[id] then
        seen[once] = true
        local key = base .. ':obj:' .. id
        local old, broken = readTracked(key, id)
        -- clearing the reference writes to the referrer, which a corrupt one refuses
        if broken then error(broken) end
        local f = position(field)
        if old and old[f] == target then
          plan[#plan + 1] = {id = id, key = key, old = old, f = f}
        end
      end
    end
    return plan
  end

  local function writeClears(plan)
    for _, c in ipairs(plan) do
      redis.call('HDEL', c.key, F[c.f])
      redis.call('SREM', setKey(c.f, c.old[c.f]), c.id)
      for i, pair in ipairs(COMPOUND) do
        if pair[1] == c.f and c.old[pair[2]] then redis.call('ZREM', compoundKey(i, c.old[c.f]), c.id) end
      end
      if VERSION > 0 then
        c.version = idIncrement(c.old[VERSION] or '0')
        redis.call('HSET', c.key, F[VERSION], c.version)
      end
    end
  end

  local function publishClears(plan)
    for _, c in ipairs(plan) do
      local fields = {F[c.f]}
      if VERSION > 0 then fields[2] = F[VERSION] end
      publishEvent('saved', c.id, fields)
    end
  end
  return {referrers = referrers, checkClears = checkClears, writeClears = writeClears, publishClears = publishClears}
end
