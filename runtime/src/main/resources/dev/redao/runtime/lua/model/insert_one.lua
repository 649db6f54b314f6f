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

-- What was written, as command, key, member triples that undo it (the counter apart), and the
-- reply of a refusal once all of it is given back.
local inverses, written = {}, 0
local function giveBack(reply)
  for i = written - 2, 1, -3 do redis.call(inverses[i], inverses[i + 1], inverses[i + 2]) end
  if n == 1 then redis.call('DEL', counterkey) else redis.call('DECR', counterkey) end
  return reply
end
-- An index write that failed: a key of the wrong type is named (corrupt data), any other error
-- (OOM, NOPERM) is returned as Redis gave it.
local function failed(r, key, want)
  giveBack()
  if string.sub(r['err'], 1, 10) == 'WRONGTYPE ' then
    return redis.error_reply('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. redis.call('TYPE', key)['ok'] .. ' where a ' .. want .. ' belongs')
  end
  return r
end

--@if narrowIds
if #id > #ID_MAX or (#id == #ID_MAX and id > ID_MAX) then
  return giveBack(redis.error_reply('REDAO-IDS-EXHAUSTED the next id, ' .. id .. ', does not fit the id type (largest ' .. ID_MAX .. ')'))
end
--@end
local r = redis.pcall(${addId})
if type(r) == 'table' then return failed(r, idset, '${idSetType}') end
if r ~= 1 then
  return giveBack(redis.error_reply('REDAO-COUNTER-BEHIND the id counter ' .. counterkey .. ' would assign ' .. id .. ', which the id set ' .. idset .. ' already holds: the counter was reset or deleted'))
end
inverses[1], inverses[2], inverses[3], written = '${removeId}', idset, id, 3
--@each indexWrites
local key${i} = ${key}
r = redis.pcall(${command})
if type(r) == 'table' then return failed(r, key${i}, '${want}') end
inverses[written + 1], inverses[written + 2], inverses[written + 3], written = '${inverse}', key${i}, ${member}, written + 3
--@end
redis.call('HSET', base .. ':obj:' .. id, '${idName}', id${hashArguments})
--@each unique
redis.call('HSET', base .. ':uni:${name}', new[${f}], id)
--@end
--@if expiring
--@include expiry_write
--@end
-- the id alone: a table reply costs the server more than some of the writes (see WriteCall)
return id
