-- One step of the audit's walk over the entries of one kind of key: each entry must name a live
-- object that holds the entry's value. The walk reads about ARGV[2] entries with SSCAN, ZSCAN or
-- HSCAN (a small key, which Redis keeps in a compact encoding of at most a few hundred entries,
-- comes whole), and the caller keeps the cursor.
-- KEYS: the id set. ARGV: the walk, the most entries to read, then its state:
--   'ids'      cursor                     the id set: each id has an object hash
--   'deadlines' cursor                    an expiring model's deadlines: each id is live
--   'sorted'   field, cursor              a sorted index: each id is live and has a value
--   'lex'      field, cursor              a lex index: each member is a live object's value
--   'unique'   field, cursor              a unique hash: each value's id is live and has it
--   'pairs'    field, cursor              a unique hash read raw, for the caller to check (a
--                                         partitioned model's entries name objects of other partitions)
--   'sets'     (field, key, cursor)...    set indexes: each id is live and has the key's value
--   'cidx'     (index, key, cursor)...    compound index keys (index: a position of COMPOUND): each id
--                                         is live, has the key's value in the first field and a
--                                         value in the second (its score is checked with the object)
-- Replies {keys finished (sets, cidx) or 0, the cursor to go on with ('0': done), entries read,
-- findings, keys of the wrong type}; a finding is {what, key, id, value, detail}: 'dead' (no live
-- object), 'differs' (the object's value is detail, false for none; for cidx, its first field's),
-- 'nosecond' (cidx: the object has the value but none in the second field), 'noobject' (an id
-- without a hash), or for 'pairs' 'entry' (value, id).
local walk, budget = ARGV[1], tonumber(ARGV[2])
local findings, read = {}, 0

local function finding(what, key, id, value, detail)
  findings[#findings + 1] = {what, key, id, value or false, detail or false}
end

-- An entry of key naming id for value v of field f (v nil: any value, as a sorted index holds).
local function check(key, f, id, v)
  local live = liveness(id)
  if live == nil then return end
  local stored = try('HGET', base .. ':obj:' .. id, F[f])
  if stored == nil then return end
  if not live then
    -- an object hash whose id is not in the id set, with this value: reported with the object,
    -- whose repair restores it with its entries, so not reported apart
    if not (stored and (not v or stored == v)) then finding('dead', key, id, v) end
    return
  end
  if not stored or (v and stored ~= v) then
    finding('differs', key, id, v, stored)
  end
end

-- An entry of compound index c's key for value v of its first field, naming id.
local function checkCompound(key, c, id, v)
  local live = liveness(id)
  if live == nil then return end
  local has, second, first = cidxHolds(id, c, v)
  if has == nil then return end
  if not live then
    -- as check(): an object hash outside the id set that has the entry's values is reported with the object
    if not has then finding('dead', key, id, v) end
    return
  end
  if first ~= v then
    finding('differs', key, id, v, first)
  elseif not second then
    finding('nosecond', key, id, v)
  end
end

-- A page of a collection: the whole of it when it is small, else one *SCAN call of about n entries.
local function page(command, key, cursor, n)
  return try(command, key, cursor, 'COUNT', math.max(n, 10))
end

local function walkOne(key, cursor, each, command)
  repeat
    local r = page(command, key, cursor, budget - read)
    if r == nil then return '0' end
    cursor = r[1]
    local items = r[2]
    local step = command == 'SSCAN' and 1 or 2
    for i = 1, #items, step do
      read = read + 1
      each(items[i], items[i + 1])
    end
  until cursor == '0' or read >= budget
  return cursor
end

local finished, cursor = 0, '0'
if walk == 'sets' or walk == 'cidx' then
  local i = 3
  while i <= #ARGV and read < budget do
    local n, key = tonumber(ARGV[i]), ARGV[i + 1]
    if walk == 'sets' then
      local v = string.sub(key, #setKey(n, '') + 1)
      cursor = walkOne(key, ARGV[i + 2], function(id) check(key, n, id, v) end, 'SSCAN')
    else
      local v = string.sub(key, #cidxKey(n, '') + 1)
      cursor = walkOne(key, ARGV[i + 2], function(id) checkCompound(key, n, id, v) end, 'ZSCAN')
    end
    if cursor ~= '0' then break end
    finished = finished + 1
    i = i + 3
  end
elseif walk == 'deadlines' then
  -- an expiring model's deadlines: each names a live id (an object hash outside the id set is
  -- reported with the object, whose repair restores it)
  cursor = walkOne(expiryKey, ARGV[3], function(id)
    local live = liveness(id)
    if live == false and redis.call('EXISTS', base .. ':obj:' .. id) == 0 then finding('dead', expiryKey, id) end
  end, 'ZSCAN')
elseif walk == 'ids' then
  local command = ORDER > 0 and 'ZSCAN' or 'SSCAN'
  cursor = walkOne(idset, ARGV[3], function(id)
    if redis.call('EXISTS', base .. ':obj:' .. id) == 0 then finding('noobject', idset, id) end
  end, command)
else
  local f = tonumber(ARGV[3])
  if walk == 'sorted' then
    local key = sortedKey(f)
    cursor = walkOne(key, ARGV[4], function(id) check(key, f, id, nil) end, 'ZSCAN')
  elseif walk == 'lex' then
    local key = lexKey(f)
    cursor = walkOne(key, ARGV[4], function(member)
      local v, id = splitLexMember(member)
      if not v then
        finding('dead', key, member)
        return
      end
      check(key, f, id, v) -- a live object's member's score is checked with the object (scan.lua)
    end, 'ZSCAN')
  elseif walk == 'unique' then
    local key = uniKey(f)
    cursor = walkOne(key, ARGV[4], function(v, id) check(key, f, id, v) end, 'HSCAN')
  elseif walk == 'pairs' then
    local key = uniKey(f)
    cursor = walkOne(key, ARGV[4], function(v, id) finding('entry', key, id, v) end, 'HSCAN')
  else
    error('REDAO-AUDIT unknown walk ' .. walk)
  end
end
return {finished, cursor, read, findings, wrongKeys}
