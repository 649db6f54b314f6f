-- KEYS: id set. ARGV: a temporary-key prefix, the operation (count, exists, ids, list, delete),
-- the filter program's length and tokens, then: sort mode ('' none, 'z' sorted index, 's' stored
-- field), sort field position, descending ('1'/'0'), alphabetic ('1'/'0'), offset, limit (-1: no
-- limit), and for 'list' the number of fields to load (0: all) and their positions, then the
-- relations to load (see step 4).
local tmpPrefix, op = ARGV[1], ARGV[2]
-- A partitioned model's query runs in each partition and the runtime merges the pages (see
-- FanOut): 'ranked ids' and 'ranked list' reply {ids or rows, each id's sort value}.
local ranked = string.sub(op, 1, 7) == 'ranked '
if ranked then op = string.sub(op, 8) end

-- Intermediate results live in temporary keys of the model's hash tag. The script deletes them;
-- a short TTL removes them even if the script fails half-way.
local temps = {}
local function temp()
  local key = tmpPrefix .. (#temps + 1)
  temps[#temps + 1] = key
  return key
end
local function stored(key)
  redis.call('PEXPIRE', key, 10000)
  return key
end
local function cleanup()
  if #temps > 0 then redis.call('DEL', unpack(temps)) end
end

local function addAll(key, ids)
  for i = 1, #ids, 1000 do
    redis.call('SADD', key, unpack(ids, i, math.min(i + 999, #ids)))
  end
end

-- A key of ids (the id set, an index, a temporary result): a set or a sorted set, or none. Any
-- other type is corrupt data, which the error names.
local function idsType(key)
  local t = redis.call('TYPE', key)['ok']
  if t ~= 'set' and t ~= 'zset' and t ~= 'none' then
    error('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. t .. ' where a set of ids belongs')
  end
  return t
end

-- A command over keys of ids (the Z*STORE set algebra, ranges of an index). Redis's WRONGTYPE
-- does not say which key holds something else, so on that error each key among the arguments
-- (they start with '{', the hash tag; no score or range bound does) is looked at, and the error
-- names the one that is no set or sorted set.
local function overIds(command, ...)
  local r = redis.pcall(command, ...)
  if type(r) == 'table' and r['err'] then
    if string.sub(r['err'], 1, 10) == 'WRONGTYPE ' then
      for _, a in ipairs({...}) do
        if string.byte(a, 1) == 123 then idsType(a) end
      end
    end
    return redis.call(command, ...)
  end
  return r
end

local function card(key)
  local t = idsType(key)
  if t == 'set' then return redis.call('SCARD', key) end
  if t == 'zset' then return redis.call('ZCARD', key) end
  return 0
end

local function members(key)
  local t = idsType(key)
  if t == 'set' then return redis.call('SMEMBERS', key) end
  if t == 'zset' then return redis.call('ZRANGE', key, 0, -1) end
  return {}
end

local function idOfLexMember(m)
  local i = #m
  while string.byte(m, i) ~= 0 do i = i - 1 end
  return string.sub(m, i + 1)
end

-- 1. Run the filter program, a postfix expression, down to one key holding the matching ids.
-- Sets and sorted sets mix freely: the Z*STORE commands take both. Tokens name fields, so a join
-- ('J', 'K') runs a nested program over another model's keys with the same interpreter.
local p = 4
local function arg()
  p = p + 1
  return ARGV[p - 1]
end

-- Unions the index sets of many values into one temporary key, 1,000 keys to a command.
local function unionOf(keys)
  local k = temp()
  for i = 1, #keys, 1000 do
    local chunk = {unpack(keys, i, math.min(i + 999, #keys))}
    if i > 1 then chunk[#chunk + 1] = k end
    overIds('ZUNIONSTORE', k, #chunk, unpack(chunk))
  end
  return stored(k)
end

local evaluate
-- A nested program: the other model's base key, whether its id set is sorted, the program.
local function nested()
  local otherBase, ordered, n = arg(), arg() == '1', tonumber(arg())
  return otherBase, evaluate(otherBase, ordered, p + n - 1)
end

-- Runs the program up to token position last over the model whose keys start with b.
evaluate = function(b, ordered, last)
  local ids = b .. ':id'
  local function live(id)
    if ordered then return look('ZSCORE', ids, id) ~= false end
    return look('SISMEMBER', ids, id) == 1
  end
  local stack = {}
  local function push(key) stack[#stack + 1] = key end
  local function pop() return table.remove(stack) end
  while p <= last do
    local t = arg()
    if t == 'A' then
      push(ids)
    elseif t == 'E' then
      local f, c = arg(), tonumber(arg())
      local keys = {}
      for i = 1, c do keys[i] = b .. ':idx:' .. f .. ':' .. arg() end
      if c == 1 then
        push(keys[1])
      else
        local k = temp()
        overIds('ZUNIONSTORE', k, c, unpack(keys))
        push(stored(k))
      end
    elseif t == 'U' then
      local f, c = arg(), tonumber(arg())
      -- an entry counts only if its object holds the value: one left behind by an older Redao's
      -- batch, or by hand, names an object that is gone or has another value
      local found = {}
      for i = 1, c do
        local v = arg()
        local id = look('HGET', b .. ':uni:' .. f, v)
        if id and look('HGET', b .. ':obj:' .. id, f) == v then found[#found + 1] = id end
      end
      local k = temp()
      addAll(k, found)
      push(stored(k))
    elseif t == 'I' then
      local c = tonumber(arg())
      local found = {}
      for i = 1, c do
        local id = arg()
        if live(id) then found[#found + 1] = id end
      end
      local k = temp()
      addAll(k, found)
      push(stored(k))
    elseif t == 'R' then
      local f, lo, hi = arg(), arg(), arg()
      local k = temp()
      overIds('ZRANGESTORE', k, b .. ':idx:' .. f, lo, hi, 'BYSCORE')
      push(stored(k))
    elseif t == 'P' then
      local f, prefix = arg(), arg()
      local found = overIds('ZRANGEBYLEX', b .. ':lex:' .. f, '[' .. prefix, '(' .. prefix .. '\255')
      local matched = {}
      for i, m in ipairs(found) do matched[i] = idOfLexMember(m) end
      local k = temp()
      addAll(k, matched)
      push(stored(k))
    elseif t == 'S' then
      -- contains ('c') or ends with ('e'): a scan of the candidates on top of the stack
      local f, mode, negate, text = arg(), arg(), arg() == '1', arg()
      local keep = {}
      for _, id in ipairs(members(pop())) do
        local v = look('HGET', b .. ':obj:' .. id, f)
        local hit = false
        if v then
          if mode == 'c' then
            hit = string.find(v, text, 1, true) ~= nil
          else
            hit = #text <= #v and string.sub(v, #v - #text + 1) == text
          end
        end
        if hit ~= negate then keep[#keep + 1] = id end
      end
      local k = temp()
      addAll(k, keep)
      push(stored(k))
    elseif t == 'J' then
      -- objects whose reference f names a target matching the nested program: the union of
      -- this model's index sets of the matching target ids
      local f = arg()
      local _, targets = nested()
      local keys = {}
      for i, id in ipairs(members(targets)) do keys[i] = b .. ':idx:' .. f .. ':' .. id end
      if #keys == 0 then push(temp()) else push(unionOf(keys)) end
    elseif t == 'K' then
      -- objects named by the reference f of some referrer matching the nested program
      local f = arg()
      local referrerBase, referrers = nested()
      local found, seen = {}, {}
      for _, rid in ipairs(members(referrers)) do
        local id = look('HGET', referrerBase .. ':obj:' .. rid, f)
        if id and not seen[id] and live(id) then
          seen[id] = true
          found[#found + 1] = id
        end
      end
      local k = temp()
      addAll(k, found)
      push(stored(k))
    elseif t == '&' or t == '|' then
      local c = tonumber(arg())
      local keys = {}
      for i = c, 1, -1 do keys[i] = pop() end
      local k = temp()
      overIds(t == '&' and 'ZINTERSTORE' or 'ZUNIONSTORE', k, c, unpack(keys))
      push(stored(k))
    elseif t == '-' then
      local y = pop()
      local x = pop()
      local k = temp()
      overIds('ZDIFFSTORE', k, 2, x, y)
      push(stored(k))
    else
      error('REDAO-QUERY unknown token ' .. tostring(t))
    end
  end
  return stack[1]
end

local result = evaluate(base, ORDER > 0, 3 + tonumber(ARGV[3]))

if op == 'count' or op == 'exists' then
  local n = card(result)
  cleanup()
  if op == 'exists' then return n > 0 and 1 or 0 end
  return n
end

-- 2. Order and page the ids. Objects without a value of the sort field come last, in id order;
-- equal values are ordered by id.
local sortMode, sortField = ARGV[p], tonumber(ARGV[p + 1])
local desc, alpha = ARGV[p + 2] == '1', ARGV[p + 3] == '1'
local offset, limit = tonumber(ARGV[p + 4]), tonumber(ARGV[p + 5])
p = p + 6

-- For a ranked operation, each id's sort value as the ordering read it (see sortValues below).
local valueOf = {}

local function rank(key, off, lim, rev)
  if lim == 0 then return {} end
  local stop = lim < 0 and -1 or off + lim - 1
  local args = {key, off, stop}
  if rev then args[#args + 1] = 'REV' end
  if not ranked then return redis.call('ZRANGE', unpack(args)) end
  args[#args + 1] = 'WITHSCORES'
  local flat, ids = redis.call('ZRANGE', unpack(args)), {}
  for i = 1, #flat, 2 do
    ids[#ids + 1] = flat[i]
    valueOf[flat[i]] = flat[i + 1]
  end
  return ids
end

local function byId(key, off, lim)
  if lim == 0 then return {} end
  local args = {key, 'LIMIT', off, lim < 0 and card(key) or lim}
  if not NUMERIC_ID then args[#args + 1] = 'ALPHA' end
  local sorted = redis.pcall('SORT', unpack(args))
  if sorted['err'] then
    -- numeric ids sort as numbers: a member that is none was written by hand, in the id set or an
    -- index (a temporary key's members come from those)
    for _, id in ipairs(members(key)) do
      if not tonumber(id) then
        local source = key
        if string.sub(key, 1, #tmpPrefix) == tmpPrefix then
          local t = redis.call('TYPE', idset)['ok']
          local live = (t == 'set' and redis.call('SISMEMBER', idset, id) == 1)
              or (t == 'zset' and redis.call('ZSCORE', idset, id))
          source = live and idset or ('an index under ' .. base)
        end
        error('REDAO-CORRUPT ' .. MODEL .. ': ' .. source .. ' holds \'' .. id .. '\', which is no id of ' .. MODEL)
      end
    end
    return redis.call('SORT', unpack(args))
  end
  return sorted
end

local function slice(list, off, lim)
  local out = {}
  local stop = lim < 0 and #list or math.min(#list, off + lim)
  for i = off + 1, stop do out[#out + 1] = list[i] end
  return out
end

-- Sorting by a stored field without an index: read each candidate's value and sort here, so that
-- the order is defined (SORT ... ALPHA leaves ties in no particular order).
local function byStoredField(key)
  local withValue, without = {}, {}
  for _, id in ipairs(members(key)) do
    local text = look('HGET', base .. ':obj:' .. id, F[sortField])
    local v = text
    if v and not alpha then v = tonumber(v) end
    local entry = {v = v, text = text, id = id, n = NUMERIC_ID and tonumber(id) or id}
    if v and v == v then
      withValue[#withValue + 1] = entry
    else
      without[#without + 1] = entry
    end
  end
  table.sort(withValue, function(a, b)
    if a.v ~= b.v then
      if desc then return a.v > b.v end
      return a.v < b.v
    end
    if desc then return a.n > b.n end
    return a.n < b.n
  end)
  table.sort(without, function(a, b) return a.n < b.n end)
  local ids = {}
  for i, e in ipairs(withValue) do
    ids[i] = e.id
    valueOf[e.id] = e.text
  end
  for _, e in ipairs(without) do ids[#ids + 1] = e.id end
  return ids
end

local ids
if sortMode == 'z' then
  local index = base .. ':idx:' .. F[sortField]
  local k = temp()
  overIds('ZINTERSTORE', k, 2, result, index, 'WEIGHTS', 0, 1)
  stored(k)
  local withValue = card(k)
  ids = rank(k, offset, limit, desc)
  if limit < 0 or #ids < limit then
    local rest = temp()
    overIds('ZDIFFSTORE', rest, 2, result, index)
    stored(rest)
    local more = byId(rest, math.max(0, offset - withValue), limit < 0 and -1 or limit - #ids)
    for _, id in ipairs(more) do ids[#ids + 1] = id end
  end
elseif sortMode == 's' then
  ids = slice(byStoredField(result), offset, limit)
elseif ORDER > 0 then
  local k = result
  if result ~= idset then
    k = temp()
    overIds('ZINTERSTORE', k, 2, result, idset, 'WEIGHTS', 0, 1)
    stored(k)
  end
  ids = rank(k, offset, limit, ORDER_DESC)
else
  ids = byId(result, offset, limit)
end

-- Each id's value of the sort field, as the ordering above read it: its score in the sorted
-- index or its stored value; none for an id without one, or when ids order themselves.
local function sortValues()
  local values = {}
  for i, id in ipairs(ids) do values[i] = valueOf[id] or false end
  return values
end

if op == 'ids' then
  cleanup()
  if ranked then return {ids, sortValues()} end
  return ids
end
if op == 'delete' then
  cleanup()
  return deleteObjects(ids)
end

-- 3. Load the objects, or the chosen fields, in the same reply. The temporary keys go first: a
-- corrupt object stops the script (see objectRow()), and this step needs only the ids.
cleanup()
local names = {ID}
local count = tonumber(ARGV[p])
if count == 0 then
  for f = 1, #F do names[f + 1] = F[f] end
else
  -- position 0 is the id itself (loadOnly(<Model>Query.id)): read it again, so that the reply
  -- keeps one element per requested field
  for i = 1, count do
    local f = tonumber(ARGV[p + i])
    names[i + 1] = f == 0 and ID or F[f]
  end
end
-- a row of some fields that holds none of them is looked at again for the other fields, which
-- tell a corrupt object from none (see corruption())
local rest = count > 0 and #F > 0 and F or nil
local rows = {}
for i, id in ipairs(ids) do
  rows[i] = objectRow(base, id, names, MODEL, rest)
end

-- 4. Related objects (loadRelated): per relation, the reference field's name, the related model's
-- base key and name, the names of the fields to load (its id first), and when these are not all,
-- the names of all its fields (the rest of objectRow()). Each related object is read once; one
-- that does not exist reads as a row of nils.
p = p + count + 1
local relations = tonumber(ARGV[p])
if ranked then return {rows, sortValues()} end
if relations == 0 then return rows end
local reply = {rows}
for r = 1, relations do
  local field, otherBase, otherModel, n = ARGV[p + 1], ARGV[p + 2], ARGV[p + 3], tonumber(ARGV[p + 4])
  local otherNames, otherRest = {}, nil
  for i = 1, n do otherNames[i] = ARGV[p + 4 + i] end
  p = p + 4 + n
  local m = tonumber(ARGV[p + 1])
  if m > 0 then otherRest = {unpack(ARGV, p + 2, p + 1 + m)} end
  p = p + 1 + m
  local related, seen = {}, {}
  for _, id in ipairs(ids) do
    local target = look('HGET', base .. ':obj:' .. id, field)
    if target and not seen[target] then
      seen[target] = true
      related[#related + 1] = objectRow(otherBase, target, otherNames, otherModel, otherRest)
    end
  end
  reply[r + 1] = related
end
return reply
