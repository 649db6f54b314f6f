-- The save of one object by its id, every field with a value (a template, see LuaTemplate;
-- SingleObjectLua fills it in per model): the usual update, which replaces what the object holds.
-- It refuses and writes what save_one.lua does for such a save, without what a counter id, a
-- partial save or a version needs: no INCR to give back, no field to keep or remove. Like
-- delete_one.lua it reads with common.lua's look (its reads all come before its first write, so a
-- failed read has nothing to give back), and its index writes note inline what to put back
-- (give_back.lua): on a call this short, the closures of the general helpers cost as much as a
-- Redis command. ARGV and replies are save_one.lua's.
local id = ARGV[3]
local new, score, p = {${allArguments}}, {}, ${afterArguments}
--@each scored
score[${f}] = ARGV[p]; p = p + 1
--@end
local key = base .. ':obj:' .. id

-- old = the tracked fields' stored values, or nil if there is no object; a corrupt object is
-- refused (only a delete writes to it)
local got, old, counter = look('HMGET', key, ID${trackedNames}), nil, nil
if got[1] == id then
  old = {}
--@each tracked
  old[${f}] = got[${slot}] or nil
--@end
else
  local broken = corruption(MODEL, ID, key, id, got, ${rest})
  if broken then return redis.error_reply(broken) end
--@if serverIds
  -- a new object with an id of its own: the counter moves past the id at the end, so that it
  -- never assigns it
  local c = look('GET', counterkey) or '0'
--@if partitioned
  local count = countOfId(id)
  if idGreater(count, c) then counter = count end
--@else
  if idGreater(id, c) then counter = id end
--@end
--@end
end
local was = old or {}

-- Unique values the object gives up (only if the unique hash says it holds them) and takes:
-- refused if a running batch claimed the value, or another live object holds it.
--@each unique
local release${f} = false
if was[${f}] ~= new[${f}] then
  if was[${f}] then release${f} = look('HGET', base .. ':uni:${name}', was[${f}]) == id end
  local v = new[${f}]
  local holder = look('GET', base .. ':claim:${name}:' .. v)
  if not holder then
    holder = look('HGET', base .. ':uni:${name}', v)
    if holder and (holder == id or not (${isLive} and look('HGET', base .. ':obj:' .. holder, '${name}') == v)) then holder = nil end
  end
  if holder and holder ~= id then return {0, 1, 'unique', '${name}', v, holder, 1} end
end
--@end

--@include give_back
redis.call('HSET', key, ID, id${hashArguments})
--@each unique
if release${f} then redis.call('HDEL', base .. ':uni:${name}', was[${f}]) end
if was[${f}] ~= new[${f}] then redis.call('HSET', base .. ':uni:${name}', new[${f}], id) end
--@end
--@if serverIds
if counter then redis.call('SET', counterkey, counter) end
--@end
-- the id alone: a table reply costs the server more than some of the writes (see WriteCall)
return id
