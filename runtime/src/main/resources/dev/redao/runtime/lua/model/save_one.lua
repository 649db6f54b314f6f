-- The save of one object (a template, see LuaTemplate; SingleObjectLua fills it in per model).
-- It refuses what the write module refuses and writes what it writes, but unrolls the model's
-- fields instead of looping over them, and writes before every check is done, keeping each
-- write's inverse (see undo.lua). ARGV: 1, 0, then the object as save.lua parses it. Refusals
-- are the driver's; success is {1, 0, id[, version]}, flat (see WriteCall), then for a
-- partitioned model the unique values the object had (false for none).
local id, mask, p = ARGV[3], ARGV[4], 5
--@if claimsUnique
-- A partitioned model's unique values are claimed in their own partitions first; the write must
-- be done before the claims' deadline (server ms), the last ARGV, '' for no claim (see
-- PartitionedUniques). Past it, another writer may resolve the claim: nothing is written.
local deadline = tonumber(ARGV[#ARGV])
if deadline then
  local time = redis.call('TIME')
  if tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) >= deadline then return {0, 1, 'expired'} end
end
--@end
local new, kept, score = nil, {}, {}
-- every field present, the usual case, makes new in one table constructor, removes no field
-- and writes the hash in one straight call
local every = mask == '${allPresent}'
if every then
  new, p = {${allArguments}}, ${afterArguments}
else
  new = {}
--@each fields
  if string.byte(mask, ${f}) == 49 then new[${f}] = ARGV[p]; p = p + 1 elseif string.byte(mask, ${f}) == 50 then kept[${f}] = true end
--@end
end
--@each scored
if new[${f}] then score[${f}] = ARGV[p]; p = p + 1 end
--@end
--@if expiring
--@include expiry_check
--@end
local key, old, counter, broken
--@if serverIds
-- A fresh numeric id comes from the counter's INCR, the script's first write: every refusal
-- after it gives the id back (refused(), rollback()), so a refused save leaves the counter as it
-- was. An INCR that fails is corrupt data only for a counter that holds no integer; at the
-- largest long it means the ids have run out, and any other error (OOM, READONLY, NOPERM) is
-- returned as Redis gave it. INCR's reply is a Lua number, exact and printed without an exponent
-- below 10^13; a larger counter is read back as text. The new id goes into the id set at once:
-- if it is there already, the counter was reset behind Redao's back. That write is the check a
-- read of the new key would be, and it is one the save makes anyway.
local fresh = false
--@if partitioned
-- a new object's id argument names its partition: '#p' (see idOfCount)
local part = string.byte(id, 1) == 35 and tonumber(string.sub(id, 2))
if part then
--@else
if id == '' then
--@end
  local n = redis.pcall('INCR', counterkey)
  if type(n) == 'table' then
    if string.find(n['err'], 'overflow', 1, true) then
      return redis.error_reply('REDAO-IDS-EXHAUSTED the id counter ' .. counterkey .. ' has no next id: ' .. n['err'])
    end
    if isWrongType(n) or string.find(n['err'], 'not an integer', 1, true) then
      return redis.error_reply('REDAO-COUNTER-CORRUPT the id counter ' .. counterkey .. ' cannot count: ' .. n['err'])
    end
    return n
  end
  -- a counter that INCR created is deleted again, not left at 0
  if n == 1 then push('DEL', counterkey) else push('DECR', counterkey) end
  id = n < 1e13 and tostring(n) or redis.call('GET', counterkey)
--@if partitioned
  id = idOfCount(id, part)
--@end
  key = base .. ':obj:' .. id
  if idGreater(id, ID_MAX) then
    return refused(redis.error_reply('REDAO-IDS-EXHAUSTED the next id, ' .. idIncrement(ID_MAX) .. ', does not fit the id type (largest ' .. ID_MAX .. ')'))
  end
  if ${addId} ~= 1 then
    return refused(redis.error_reply('REDAO-COUNTER-BEHIND the id counter ' .. counterkey .. ' would assign ' .. id .. ', which the id set ' .. idset .. ' already holds: the counter was reset or deleted'))
  end
  push('${removeId}', idset, id)
  fresh = true
else
  -- A given id names an object to read; if there is none, the counter moves past the id at the
  -- end, so that it never assigns it. An existing object needs no counter: its id was counted
  -- when it was created.
  key = base .. ':obj:' .. id
  --@include read_old
  if not old then
    local c = read('GET', counterkey) or '0'
--@if partitioned
    local count = countOfId(id)
    if idGreater(count, c) then counter = count end
--@else
    if idGreater(id, c) then counter = id end
--@end
  end
end
--@else
key = base .. ':obj:' .. id
--@include read_old
--@end
-- a corrupt object is refused: only a delete writes to it
if broken then return refused(redis.error_reply(broken)) end
-- a partial save keeps the fields it does not name, so it needs the stored object
if next(kept) then
  if not old then return refused({0, 1, 'missing', id, 1}) end
--@each tracked
  if kept[${f}] then new[${f}] = old[${f}] end
--@end
end
local was = old or {}
--@if versioned
local refusal = checkVersion({id = id, key = key, old = old, new = new, index = 1})
if refusal then
  if refusal[1] == 'error' then return refused(redis.error_reply(refusal[2])) end
  return refused({0, 1, unpack(refusal)})
end
new[${version}] = idIncrement(was[${version}] or '0')
--@end
-- Unique values the object gives up (only if the unique hash says it holds them) and takes:
-- refused if a running batch claimed the value for another object, or if another live object
-- holds it. A value claimed for this object is its own, whoever the unique hash still names.
local releases = {}
--@each unique
if was[${f}] and was[${f}] ~= new[${f}] then releases[${f}] = read('HGET', base .. ':uni:${name}', was[${f}]) == id end
if new[${f}] and was[${f}] ~= new[${f}] then
  local holder = read('GET', claimKey(${f}, new[${f}]))
  if not holder then
    holder = read('HGET', base .. ':uni:${name}', new[${f}])
    if holder and holder ~= id and not holds(holder, ${f}, new[${f}]) then holder = nil end
  end
  if holder and holder ~= id then
    return refused({0, 1, 'unique', '${name}', new[${f}], holder, 1})
  end
end
--@end
-- The index writes, which may meet a key of the wrong type (see undo.lua), come first; then the
-- writes to keys that the checks have read (unique hashes, the object) or that any type allows
-- (the counter's SET).
--@each indexWrites
${write}
--@end
if old then
--@each unique
  if releases[${f}] then redis.call('HDEL', base .. ':uni:${name}', was[${f}]) end
--@end
  if not every then
    local gone = {}
--@each fields
    if not new[${f}] and not kept[${f}] then gone[#gone + 1] = '${name}' end
--@end
    if #gone > 0 then redis.call('HDEL', key, unpack(gone)) end
  end
end
if every then
  redis.call('HSET', key, ID, id${hashArguments})
else
  -- the HSET arguments, in a table made at its full size at once
  local hash, k = {ID, id${hashSlots}}, 2
--@each fields
  if new[${f}] and not kept[${f}] then hash[k + 1] = '${name}'; hash[k + 2] = new[${f}]; k = k + 2 end
--@end
  redis.call('HSET', key, unpack(hash, 1, k))
end
--@each unique
if new[${f}] and was[${f}] ~= new[${f}] then redis.call('HSET', base .. ':uni:${name}', new[${f}], id) end
--@end
--@if serverIds
if counter then redis.call('SET', counterkey, counter) end
--@end
--@if expiring
--@include expiry_write
--@end
--@if events
local changed = {}
--@each fields
if was[${f}] ~= new[${f}] then changed[#changed + 1] = '${name}' end
--@end
publishEvent('saved', id, changed)
--@end
-- flat: each nested table costs the server a conversion, more than some of its commands; with
-- nothing to add to the id, the id alone (see WriteCall), as a table costs more than the writes
--@if bareId
return id
--@else
return {1, 0, id${newVersion}${oldUnique}}
--@end
