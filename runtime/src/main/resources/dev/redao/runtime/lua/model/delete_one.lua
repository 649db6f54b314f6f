-- The delete of one object by id, of a model that no CASCADE, SET_NULL or RESTRICT reference
-- points at (a template, see LuaTemplate; SingleObjectLua fills it in per model). Like
-- save_one.lua, it unrolls the model's fields and undoes its index writes if one meets a key of
-- the wrong type. ARGV: 0, 1, the id. It replies {1, deleted count} (see WriteCall), then for a
-- partitioned model the unique values the object had (false for none), which the runtime
-- releases in their partitions.
local id, old, broken = ARGV[3], nil, false
local key = base .. ':obj:' .. id
--@include read_old
-- a corrupt object is deleted as any other: its hash, and what its fields name
if not old then return {1, 0} end
-- a value is released only if the unique hash says this object holds it
local releases = {}
--@each unique
if old[${f}] then releases[${f}] = read('HGET', base .. ':uni:${name}', old[${f}]) == id end
--@end
--@each indexWrites
${write}
--@end
--@each unique
if releases[${f}] then redis.call('HDEL', base .. ':uni:${name}', old[${f}]) end
--@end
redis.call('DEL', key)
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
return {1, 1${oldUnique}}
