-- The delete of one object by id, of a model that no CASCADE, SET_NULL or RESTRICT reference
-- points at (a template, see LuaTemplate; SingleObjectLua fills it in per model). Like
-- insert_one.lua it is straight-line: it reads with common.lua's look rather than read (its reads
-- all come before its first write, so a failed read has nothing to give back), and its writes
-- record their inverses inline rather than through the undo helpers. ARGV: 0, 1, the id. It replies
-- {1, deleted count} (see WriteCall), then for a partitioned model the unique values the object
-- had (false for none), which the runtime releases in their partitions.
local id = ARGV[3]
local key = base .. ':obj:' .. id
--@if expiring
--@include expiry_check
--@end

-- old = the tracked fields' stored values, or nil if the object does not exist; a corrupt object
-- (see corruption() in common.lua) is deleted as any other: its hash, and what its fields name
local got, old = look('HMGET', key, ID${trackedNames}), nil
if got[1] == id or corruption(MODEL, ID, key, id, got, ${rest}) then
  old = {}
--@each tracked
  old[${f}] = got[${slot}] or nil
--@end
end
-- with nothing else to say, the count alone: a table reply costs more (see WriteCall)
--@if bareCount
if not old then return 0 end
--@else
if not old then return {1, 0} end
--@end
-- a value is released only if the unique hash says this object holds it
local releases = {}
--@each unique
if old[${f}] then releases[${f}] = look('HGET', base .. ':uni:${name}', old[${f}]) == id end
--@end

--@include give_back
--@each indexWrites
${write}
--@end
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
