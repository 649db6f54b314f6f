-- The delete of one object by id, of a model that no CASCADE, SET_NULL or RESTRICT reference
-- points at (a template, see LuaTemplate; SingleObjectLua fills it in per model). Like
-- insert_one.lua it is straight-line: its reads all come before its first write, so a failed read
-- has nothing to give back, and its index writes note inline what to put back (give_back.lua)
-- rather than through the undo helpers. It reads with pcall and checks the reply in place, as common.lua's look and
-- corruption do, rather than call them: on a script this short, building two helpers' closures
-- costs about as much server time as a Redis command. ARGV: 0, 1, the id. It replies
-- {1, deleted count} (see WriteCall), then for a partitioned model the unique values the object
-- had (false for none), which the runtime releases in their partitions.
local id = ARGV[3]
local key = base .. ':obj:' .. id
--@if expiring
--@include expiry_check
--@end

local got = redis.pcall('HMGET', key, ID${trackedNames})
if got['err'] then
  if string.sub(got['err'], 1, 10) == 'WRONGTYPE ' then
    error('REDAO-WRONGTYPE ' .. key .. ' cannot be read (HMGET): ' .. got['err'])
  end
  return got
end
-- a hash without its id or with another is a corrupt object (see corruption() in common.lua),
-- deleted as any other, its hash and what its fields name; a hash with no field of the model is
-- no object
if got[1] ~= id then
  local hasFields = got[1]
  for i = 2, #got do hasFields = hasFields or got[i] end
--@if untracked
  if not hasFields then
    for _, v in ipairs(redis.call('HMGET', key, unpack(${rest}))) do hasFields = hasFields or v end
  end
--@end
  -- with nothing else to say, the count alone: a table reply costs more (see WriteCall)
  if not hasFields then
--@if bareCount
    return 0
--@else
    return {1, 0}
--@end
  end
end
-- old = the tracked fields' stored values
local old = {}
--@each tracked
old[${f}] = got[${slot}] or nil
--@end
-- a value is released only if the unique hash says this object holds it
local releases = {}
--@each unique
if old[${f}] then
  local holder = redis.pcall('HGET', base .. ':uni:${name}', old[${f}])
  if type(holder) == 'table' then
    if string.sub(holder['err'], 1, 10) == 'WRONGTYPE ' then
      error('REDAO-WRONGTYPE ' .. base .. ':uni:${name} cannot be read (HGET): ' .. holder['err'])
    end
    return holder
  end
  releases[${f}] = holder == id
end
--@end

--@include give_back
--@each unique
if releases[${f}] then redis.call('HDEL', base .. ':uni:${name}', old[${f}]) end
--@end
redis.call('DEL', key${structureKeys})
--@if expiring
redis.call('ZREM', base .. ':exp', id)
--@end
--@if events
-- with events every field is tracked, so old holds every field the object had
local had = {}
--@each fields
if old[${f}] then had[#had + 1] = '${name}' end
--@end
publishEvent('deleted', id, had)
--@end
--@if claimsUnique
local was = old
--@end
--@if bareCount
return 1
--@else
return {1, 1${oldUnique}}
--@end
