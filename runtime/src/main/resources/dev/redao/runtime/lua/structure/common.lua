-- What the structure scripts (write.lua, read.lua, load.lua) share.

-- Whether object id is past its deadline in an expiring model's deadlines (none for a model that
-- does not expire): its keys wait for the model's next write to purge them.
local function pastDeadline(deadlines, id)
  if not deadlines then return false end
  local deadline = redis.call('ZSCORE', deadlines, id)
  if not deadline then return false end
  local time = redis.call('TIME')
  return tonumber(deadline) <= tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- Runs a command on a structure's key (kind: what the structure is, 'list', 'sorted set'...). A
-- key of another type (written by hand) is an error that names it.
local function onStructure(kind, key, command, ...)
  local r = redis.pcall(command, key, ...)
  if type(r) == 'table' and r['err'] then
    if string.sub(r['err'], 1, 10) == 'WRONGTYPE ' then
      error('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. redis.call('TYPE', key)['ok'] .. ' where a ' .. kind .. ' belongs')
    end
    error(r['err'])
  end
  return r
end
