-- The save of one new object whose every field has a value and whose id comes from the counter
-- (a template, see LuaTemplate; SingleObjectLua fills it in per model), the commonest write. It
-- refuses and writes what save_one.lua does for such an object, without what an existing object
-- or a partial save needs: no stored values to read, no field to keep or remove, every write
-- unconditional. Of common.lua's helpers it takes only look (its reads all come before its first
-- write, so a failed read has nothing to give back), and it carries its undo of its own: on a call
-- this short, making the closures of a general helper set costs as much as a Redis command. ARGV
-- and replies are save_one.lua's.
local new, score, p = {${allArguments}}, {}, ${afterArguments}
--@each scored
score[${f}] = ARGV[p]; p = p + 1
--@end
--@if expiring
--@include expiry_check
--@end

-- A value claimed by a running batch (see batch.lua), or held by another live object that has
-- it, refuses the save before anything is written.
--@each unique
do
  local v = new[${f}]
  local holder = look('GET', base .. ':claim:${name}:' .. v)
  if not holder then
    holder = look('HGET', base .. ':uni:${name}', v)
    if holder and not (${isLive} and look('HGET', base .. ':obj:' .. holder, '${name}') == v) then holder = nil end
  end
  if holder then return {0, 1, 'unique', '${name}', v, holder, 1} end
end
--@end

-- The id, as save_one.lua takes a fresh one: INCR, given back by any later refusal.
local n = redis.pcall('INCR', counterkey)
if type(n) == 'table' then
  if string.find(n['err'], 'overflow', 1, true) then
    return redis.error_reply('REDAO-IDS-EXHAUSTED the id counter ' .. counterkey .. ' has no next id: ' .. n['err'])
  end
  if string.sub(n['err'], 1, 10) == 'WRONGTYPE ' or string.find(n['err'], 'not an integer', 1, true) then
    return redis.error_reply('REDAO-COUNTER-CORRUPT the id counter ' .. counterkey .. ' cannot count: ' .. n['err'])
  end
  return n
end
local id = n < 1e13 and tostring(n) or redis.call('GET', counterkey)
--@if partitioned
id = idOfCount(id, tonumber(string.sub(ARGV[3], 2)))
--@end

-- A refusal's reply once the id is given back to the counter.
local function giveBack(reply)
  if n == 1 then redis.call('DEL', counterkey) else redis.call('DECR', counterkey) end
  return reply
end

--@if narrowIds
if #id > #ID_MAX or (#id == #ID_MAX and id > ID_MAX) then
  return giveBack(redis.error_reply('REDAO-IDS-EXHAUSTED the next id, ' .. id .. ', does not fit the id type (largest ' .. ID_MAX .. ')'))
end
--@end
-- The id set, then the index writes, each through pcall, as in give_back.lua: each but the last
-- notes in changed whether it added something, and one that fails breaks out with its error in r
-- and the key it wrote. What they added is then taken back, last first, with the id, a key of the
-- wrong type is named (corrupt data), and any other error (OOM, NOPERM) is returned as Redis gave it.
local changed, failedKey, failedType = {${changedSlots}}
local r = redis.pcall(${addId})
if type(r) == 'table' then
  failedKey, failedType = idset, '${idSetType}'
elseif r ~= 1 then
  return giveBack(redis.error_reply('REDAO-COUNTER-BEHIND the id counter ' .. counterkey .. ' would assign ' .. id .. ', which the id set ' .. idset .. ' already holds: the counter was reset or deleted'))
else
  repeat
--@each indexWrites
    local key${i} = ${key}
    r = redis.pcall(${command})
    if type(r) == 'table' then failedKey, failedType = key${i}, '${want}' break end
--@if noted
    changed[${slot}] = r == 1
--@end
--@end
  until true
end
if failedKey then
--@each undoWrites
  if changed[${slot}] then redis.call('${inverse}', ${key}, ${member}) end
--@end
  if failedKey ~= idset then redis.call('${removeId}', idset, id) end
  giveBack()
  --@include failed_write
end
redis.call('HSET', base .. ':obj:' .. id, '${idName}', id${hashArguments})
--@each unique
redis.call('HSET', base .. ':uni:${name}', new[${f}], id)
--@end
--@if expiring
--@include expiry_write
--@end
-- the id alone: a table reply costs the server more than some of the writes (see WriteCall)
return id
