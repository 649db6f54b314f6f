-- KEYS: id set. ARGV: the operation (count, exists, ids, list, delete), the time the script may
-- run in ms, the filter program's length and tokens, then: sort mode ('' none, 'z' sorted index, 's' stored field), sort field position,
-- descending ('1'/'0'), alphabetic ('1'/'0'), offset, limit (-1: no limit), and for 'list' the
-- number of fields to load (0: all) and their positions, then the relations to load (see step 4).
-- The script takes the helpers of common.lua and model.lua whose names it uses (LuaHelpers), so a
-- name of its own that repeats one of theirs (read, holds, push) would carry that helper, and
-- what it calls, into every query for nothing.
local op = ARGV[1]
-- A partitioned model's query runs in each partition and the runtime merges the pages (see
-- FanOut): 'ranked ids' and 'ranked list' reply {ids or rows, each id's sort value}.
local ranked = string.sub(op, 1, 7) == 'ranked '
if ranked then op = string.sub(op, 8) end

-- The script stores nothing: the filter becomes a tree of sets (keys of ids, score ranges, ids
-- held here, and their intersections, unions and differences) that is read only as far as the
-- answer needs. So every operation but delete runs as a read-only script: on a replica, while
-- writes are paused, when memory is full, and SCRIPT KILL stops a long one.
local hasZintercard = redis.REDIS_VERSION_NUM ~= nil

-- A query that reads many ids (a contains() over a big model, say) holds Redis while it runs. It
-- looks at the clock every thousand ids it reads and stops, having written nothing, once it has
-- run longer than its caller allows: the caller would have given up on it by then.
local budget = tonumber(ARGV[2])
local function millis()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local started, idsRead, lastLook = millis(), 0, 0
local function tick(n)
  idsRead = idsRead + (n or 1)
  if idsRead - lastLook >= 1000 then
    lastLook = idsRead
    if millis() - started > budget then
      error('REDAO-QUERY-TOO-LONG ' .. MODEL .. ' query stopped after ' .. budget .. ' ms in Redis, having read '
          .. idsRead .. ' ids')
    end
  end
end

-- A key of ids (the id set, an index): a set or a sorted set, or none. Any other type is corrupt
-- data, which the error names.
local function idsType(key)
  local t = redis.call('TYPE', key)['ok']
  if t ~= 'set' and t ~= 'zset' and t ~= 'none' then
    error('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. t .. ' where a set of ids belongs')
  end
  return t
end

-- A command over keys of ids. Redis's WRONGTYPE does not say which key holds something else, so
-- on that error each key among the arguments (they start with '{', the hash tag; no score or
-- range bound does) is looked at, and the error names the one that is no set or sorted set.
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

local function idOfLexMember(m)
  local i = #m
  while string.byte(m, i) ~= 0 do i = i - 1 end
  return string.sub(m, i + 1)
end

-- A score bound as ranges give it: '-inf', '+inf', 'x' or '(x' (x excluded).
local function bound(text)
  if text == '-inf' then return -math.huge, false end
  if text == '+inf' then return math.huge, false end
  if string.sub(text, 1, 1) == '(' then return tonumber(string.sub(text, 2)), true end
  return tonumber(text), false
end

-- 1. The filter program, a postfix expression, becomes a tree of nodes. A node is
--   {kind = 'key', key}              the ids of a key (a set or sorted set)
--   {kind = 'range', key, lo, hi}    the members of a sorted index within a score range
--   {kind = 'list', ids, set}        ids read here
--   {kind = 'and' | 'or', parts}     an 'or' is disjoint when no id is in two parts
--   {kind = 'minus', x, y}           the ids of x not in y
--   {kind = 'match', x, field, mode, negate, text}  the ids of x whose stored field contains
--                                    ('c') or ends with ('e') the text (or not)
-- Each node answers its size (exact, or an upper bound: see exact), whether it holds an id, and
-- its ids one by one until told to stop.
local function keyNode(key) return {kind = 'key', key = key} end
local function listNode(ids)
  local set = {}
  for _, id in ipairs(ids) do set[id] = true end
  return {kind = 'list', ids = ids, set = set}
end

local function typeOf(n)
  if not n.t then n.t = idsType(n.key) end
  return n.t
end

local size
size = function(n)
  if n.size then return n.size end
  local k, s = n.kind, 0
  if k == 'key' then
    local t = typeOf(n)
    if t == 'set' then s = redis.call('SCARD', n.key) elseif t == 'zset' then s = redis.call('ZCARD', n.key) end
  elseif k == 'range' then
    s = overIds('ZCOUNT', n.key, n.lo, n.hi)
  elseif k == 'list' then
    s = #n.ids
  elseif k == 'and' then
    for i, part in ipairs(n.parts) do
      local ps = size(part)
      if i == 1 or ps < s then s = ps end
    end
  elseif k == 'or' then
    for _, part in ipairs(n.parts) do s = s + size(part) end
  else
    s = size(n.x)
  end
  n.size = s
  return s
end

local exact
exact = function(n)
  local k = n.kind
  if k == 'key' or k == 'range' or k == 'list' then return true end
  if k ~= 'or' or not n.disjoint then return false end
  for _, part in ipairs(n.parts) do
    if not exact(part) then return false end
  end
  return true
end

-- An intersection tests its smallest parts first, and reads ids from the smallest.
local function smallestFirst(n)
  if not n.sorted then
    table.sort(n.parts, function(a, b) return size(a) < size(b) end)
    n.sorted = true
  end
  return n.parts
end

local function matches(n, v)
  local hit = false
  if v then
    if n.mode == 'c' then
      hit = string.find(v, n.text, 1, true) ~= nil
    else
      hit = #n.text <= #v and string.sub(v, #v - #n.text + 1) == n.text
    end
  end
  return hit ~= n.negate
end

-- The ids of list whose flag is held (see membership).
local function kept(list, flags, held)
  local out = {}
  for i, id in ipairs(list) do
    if flags[i] == held then out[#out + 1] = id end
  end
  return out
end

-- Which of ids (a chunk of at most a thousand) n holds: a flag per id, and the flag's value for
-- an id n holds. A key or a range answers a chunk with one command (SMISMEMBER, ZMSCORE), so a
-- chunk costs a few commands, not one per id; a set key's flags are SMISMEMBER's reply as it
-- comes (1 for a member), as a table of booleans made from it costs more than the check.
local membership
membership = function(n, ids)
  local k, out = n.kind, {}
  if #ids == 0 then return out, true end
  if k == 'key' then
    local t = typeOf(n)
    if t == 'set' then
      return redis.call('SMISMEMBER', n.key, unpack(ids)), 1
    elseif t == 'zset' then
      local scores = redis.call('ZMSCORE', n.key, unpack(ids))
      for i = 1, #ids do out[i] = scores[i] ~= false end
    else
      for i = 1, #ids do out[i] = false end
    end
  elseif k == 'range' then
    local scores = overIds('ZMSCORE', n.key, unpack(ids))
    for i = 1, #ids do
      local s = scores[i] and tonumber(scores[i])
      out[i] = s ~= false and s ~= nil and (s > n.low or (s == n.low and not n.lowOpen))
          and (s < n.high or (s == n.high and not n.highOpen))
    end
  elseif k == 'list' then
    for i, id in ipairs(ids) do out[i] = n.set[id] == true end
  elseif k == 'and' or k == 'or' then
    -- each part is asked only about the ids the parts before have not yet decided
    local all = k == 'and'
    for i = 1, #ids do out[i] = all end
    for _, part in ipairs(all and smallestFirst(n) or n.parts) do
      local open, at = {}, {}
      for i, id in ipairs(ids) do
        if out[i] == all then
          open[#open + 1] = id
          at[#open] = i
        end
      end
      if #open == 0 then break end
      local flags, held = membership(part, open)
      for j = 1, #open do
        local v = flags[j] == held
        if v ~= all then out[at[j]] = v end
      end
    end
  elseif k == 'minus' then
    local inX, xHeld = membership(n.x, ids)
    local inY, yHeld = membership(n.y, kept(ids, inX, xHeld))
    local j = 0
    for i = 1, #ids do
      if inX[i] == xHeld then
        j = j + 1
        out[i] = inY[j] ~= yHeld
      else
        out[i] = false
      end
    end
  else
    local inX, held = membership(n.x, ids)
    for i, id in ipairs(ids) do
      out[i] = inX[i] == held and matches(n, look('HGET', base .. ':obj:' .. id, n.field)) or false
    end
  end
  return out, true
end

-- Ids of a sorted set, or of one of its score ranges, in order, a chunk at a time.
local chunkSize = 1000
local function chunksOfSorted(key, lo, hi, visit)
  local from = 0
  while true do
    local got
    if lo then
      got = overIds('ZRANGE', key, lo, hi, 'BYSCORE', 'LIMIT', from, chunkSize)
    else
      got = overIds('ZRANGE', key, from, from + chunkSize - 1)
    end
    tick(#got)
    if #got > 0 and visit(got) then return true end
    if #got < chunkSize then return false end
    from = from + chunkSize
  end
end

-- Calls visit with n's ids, a chunk of at most a thousand at a time, until it returns true;
-- whether it did.
local chunks
chunks = function(n, visit)
  local k = n.kind
  if k == 'key' then
    local t = typeOf(n)
    if t == 'set' then
      -- SSCAN, so that the clock is looked at while a big set is read; it may hand out an id
      -- twice (while the set's table is rehashed), so ids seen are skipped
      local cursor, seen = '0', {}
      repeat
        local got = redis.call('SSCAN', n.key, cursor, 'COUNT', chunkSize)
        cursor = got[1]
        tick(#got[2])
        local fresh = {}
        for _, id in ipairs(got[2]) do
          if not seen[id] then
            seen[id] = true
            fresh[#fresh + 1] = id
          end
        end
        if #fresh > 0 and visit(fresh) then return true end
      until cursor == '0'
    elseif t == 'zset' then
      return chunksOfSorted(n.key, nil, nil, visit)
    end
    return false
  elseif k == 'range' then
    return chunksOfSorted(n.key, n.lo, n.hi, visit)
  elseif k == 'list' then
    for i = 1, #n.ids, chunkSize do
      local chunk = {unpack(n.ids, i, math.min(i + chunkSize - 1, #n.ids))}
      tick(#chunk)
      if visit(chunk) then return true end
    end
    return false
  elseif k == 'and' then
    -- the ids of the smallest part that the others hold
    local parts = smallestFirst(n)
    local rest = {kind = 'and', parts = {unpack(parts, 2)}, sorted = true}
    return chunks(parts[1], function(ids)
      local found = #rest.parts > 0 and kept(ids, membership(rest, ids)) or ids
      return #found > 0 and visit(found)
    end)
  elseif k == 'or' then
    local seen = not n.disjoint and {} or nil
    for _, part in ipairs(n.parts) do
      local stopped = chunks(part, function(ids)
        if seen then
          local fresh = {}
          for _, id in ipairs(ids) do
            if not seen[id] then
              seen[id] = true
              fresh[#fresh + 1] = id
            end
          end
          ids = fresh
        end
        return #ids > 0 and visit(ids)
      end)
      if stopped then return true end
    end
    return false
  end
  -- minus and match: the ids of x that n holds
  return chunks(n.x, function(ids)
    local found = kept(ids, membership(n, ids))
    return #found > 0 and visit(found)
  end)
end

-- Calls visit with each of n's ids until it returns true; whether it did.
local function each(n, visit)
  return chunks(n, function(ids)
    for _, id in ipairs(ids) do
      if visit(id) then return true end
    end
    return false
  end)
end

-- Whether every part is a key: then Redis's own set algebra (ZINTER, ZUNION, ZDIFF, which take
-- sets and sorted sets and store nothing) reads the ids faster than a walk here.
local function keysOf(parts)
  if #parts == 0 then return nil end
  local keys = {}
  for i, part in ipairs(parts) do
    if part.kind ~= 'key' then return nil end
    keys[i] = part.key
  end
  return keys
end

local function members(n)
  local keys = (n.kind == 'and' or n.kind == 'or') and keysOf(n.parts) or nil
  local ids
  if keys then
    ids = overIds(n.kind == 'and' and 'ZINTER' or 'ZUNION', #keys, unpack(keys))
  elseif n.kind == 'minus' and n.x.kind == 'key' and n.y.kind == 'key' then
    ids = overIds('ZDIFF', 2, n.x.key, n.y.key)
  end
  if ids then
    tick(#ids)
    return ids
  end
  local out = {}
  each(n, function(id) out[#out + 1] = id end)
  return out
end

local function count(n)
  if exact(n) then return size(n) end
  if size(n) == 0 then return 0 end
  local keys = n.kind == 'and' and hasZintercard and keysOf(n.parts)
  if keys then return overIds('ZINTERCARD', #keys, unpack(keys)) end
  local c = 0
  each(n, function() c = c + 1 end)
  return c
end

local function exists(n)
  if size(n) == 0 then return false end
  if exact(n) then return true end
  return each(n, function() return true end)
end

local p = 4
local function arg()
  p = p + 1
  return ARGV[p - 1]
end

-- The ids of n less those of model b's objects past their deadline: a model that expires keeps
-- its deadlines in b:exp (see common.lua), and any other model has no such key, whose count is 0.
-- Returns the node, and the count of the expired.
local function withoutExpired(b, n)
  local now = tostring(serverNow())
  local expired = {kind = 'range', key = b .. ':exp', lo = '-inf', hi = now}
  expired.low, expired.lowOpen = bound('-inf')
  expired.high, expired.highOpen = bound(now)
  local gone = size(expired)
  if gone == 0 then return n, 0 end
  return {kind = 'minus', x = n, y = expired}, gone
end

local evaluate
-- A nested program: the other model's base key, whether its id set is sorted, the program. Its
-- objects past their deadline match nothing.
local function nested()
  local otherBase, ordered, n = arg(), arg() == '1', tonumber(arg())
  local tree = evaluate(otherBase, ordered, p + n - 1)
  return otherBase, (withoutExpired(otherBase, tree))
end

-- Builds the tree of the program up to token position last, over the model whose keys start
-- with b. Tokens name fields, so a join ('J', 'K') builds a nested tree over another model's
-- keys with the same interpreter.
evaluate = function(b, ordered, last)
  local ids = b .. ':id'
  local function live(id)
    if ordered then return look('ZSCORE', ids, id) ~= false end
    return look('SISMEMBER', ids, id) == 1
  end
  local stack = {}
  local function pushNode(n) stack[#stack + 1] = n end
  local function popNode() return table.remove(stack) end
  while p <= last do
    local t = arg()
    if t == 'A' then
      pushNode(keyNode(ids))
    elseif t == 'E' then
      -- the index sets of one field's values: an object has one value, so they are disjoint
      local f, c = arg(), tonumber(arg())
      local parts, named = {}, {}
      for _ = 1, c do
        local v = arg()
        if not named[v] then
          named[v] = true
          parts[#parts + 1] = keyNode(b .. ':idx:' .. f .. ':' .. v)
        end
      end
      if #parts == 1 then
        -- one value of a field of this model: a compound index may stand for it (see below)
        parts[1].base, parts[1].field, parts[1].value = b, f, next(named)
      end
      pushNode(#parts == 1 and parts[1] or {kind = 'or', parts = parts, disjoint = true})
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
      pushNode(listNode(found))
    elseif t == 'I' then
      local c = tonumber(arg())
      local found = {}
      for i = 1, c do
        local id = arg()
        if live(id) then found[#found + 1] = id end
      end
      pushNode(listNode(found))
    elseif t == 'R' then
      local f, lo, hi = arg(), arg(), arg()
      local n = {kind = 'range', key = b .. ':idx:' .. f, lo = lo, hi = hi, base = b, field = f}
      n.low, n.lowOpen = bound(lo)
      n.high, n.highOpen = bound(hi)
      pushNode(n)
    elseif t == 'P' then
      local f, prefix = arg(), arg()
      local found = overIds('ZRANGEBYLEX', b .. ':lex:' .. f, '[' .. prefix, '(' .. prefix .. '\255')
      tick(#found)
      local matched = {}
      for i, m in ipairs(found) do matched[i] = idOfLexMember(m) end
      pushNode(listNode(matched))
    elseif t == 'S' then
      -- contains ('c') or ends with ('e'): a test of the candidates on top of the stack, made only
      -- for the ids the answer reads
      local f, mode, negate, text = arg(), arg(), arg() == '1', arg()
      pushNode({kind = 'match', x = popNode(), field = f, mode = mode, negate = negate, text = text})
    elseif t == 'J' then
      -- objects whose reference f names a target matching the nested program: the index sets of
      -- the matching target ids, disjoint as an object has one reference
      local f = arg()
      local _, targets = nested()
      local parts = {}
      for i, id in ipairs(members(targets)) do parts[i] = keyNode(b .. ':idx:' .. f .. ':' .. id) end
      pushNode({kind = 'or', parts = parts, disjoint = true})
    elseif t == 'K' then
      -- objects named by the reference f of some referrer matching the nested program
      local f = arg()
      local referrerBase, referrers = nested()
      local found, seen = {}, {}
      each(referrers, function(rid)
        local id = look('HGET', referrerBase .. ':obj:' .. rid, f)
        if id and not seen[id] and live(id) then
          seen[id] = true
          found[#found + 1] = id
        end
      end)
      pushNode(listNode(found))
    elseif t == '&' or t == '|' then
      local c = tonumber(arg())
      local parts = {}
      for i = c, 1, -1 do parts[i] = popNode() end
      pushNode({kind = t == '&' and 'and' or 'or', parts = parts})
    elseif t == '-' then
      local y = popNode()
      local x = popNode()
      pushNode({kind = 'minus', x = x, y = y})
    else
      error('REDAO-QUERY unknown token ' .. tostring(t))
    end
  end
  return stack[1]
end

local result = evaluate(base, ORDER > 0, 3 + tonumber(ARGV[3]))

-- Compound indexes (see ModelSchema.CompoundIndex): the sorted set of one value v of the first
-- field, scored by the second, holds the ids of "first = v" that have a second value. So the
-- filter "first = v and a range of second" is a range of it, read in O(log n + page), and a sort by
-- second of a filter that has "first = v" walks it instead of second's whole index.
local function compoundPrefix(first, second)
  for _, c in ipairs(COMPOUND) do
    if F[c[1]] == first and F[c[2]] == second then return base .. ':cidx:' .. first .. ':' .. second .. ':' end
  end
  return nil
end
local function conjuncts(n) return n.kind == 'and' and n.parts or {n} end
local function ofThisModel(n, kind) return n.kind == kind and n.base == base and n.field end

if #COMPOUND > 0 then
  local parts, used = conjuncts(result), {}
  for _, r in ipairs(parts) do
    if ofThisModel(r, 'range') and not r.compound then
      for j, e in ipairs(parts) do
        local prefix = not used[j] and ofThisModel(e, 'key') and e.value and compoundPrefix(e.field, r.field)
        if prefix then
          used[j], r.key, r.compound = true, prefix .. e.value, true
          break
        end
      end
    end
  end
  if next(used) then
    local rest = {}
    for j, part in ipairs(parts) do
      if not used[j] then rest[#rest + 1] = part end
    end
    result = #rest == 1 and rest[1] or {kind = 'and', parts = rest}
  end
end

-- The compound index that orders the filter n by field second, if n has "first = v" for one.
local function compoundOrder(n, second)
  for _, part in ipairs(conjuncts(n)) do
    if ofThisModel(part, 'range') and part.compound and part.field == second then return part.key end
  end
  for _, part in ipairs(conjuncts(n)) do
    local prefix = ofThisModel(part, 'key') and part.value and compoundPrefix(part.field, second)
    if prefix then
      part.covers = prefix .. part.value -- every id of it is in part
      return part.covers
    end
  end
  return nil
end
local filter = result

-- An expiring model's objects past their deadline (see common.lua) are none: the filter leaves
-- them out. Every deadline belongs to a live id, so the model's count is the id set's less theirs.
if EXPIRES then
  local all = result
  local gone
  result, gone = withoutExpired(base, result)
  if gone > 0 and op == 'count' and all.kind == 'key' and all.key == idset then
    return size(all) - gone
  end
end

if op == 'count' then return count(result) end
if op == 'exists' then return exists(result) and 1 or 0 end

-- 2. Order and page the ids. Objects without a value of the sort field come last, in id order;
-- equal values are ordered as a sorted set orders its members (by their bytes; reversed when
-- descending).
local sortMode, sortField = ARGV[p], tonumber(ARGV[p + 1])
local desc, alpha = ARGV[p + 2] == '1', ARGV[p + 3] == '1'
local offset, limit = tonumber(ARGV[p + 4]), tonumber(ARGV[p + 5])
p = p + 6
-- how many ids the page needs from the start of the order; -1 for all
local wanted = limit < 0 and -1 or offset + limit

-- For a ranked operation, each id's sort value as the ordering read it (see sortValues below).
local valueOf = {}

-- A numeric id that is none was written by hand, in the id set or an index: in key, when the
-- ids came from one key, else wherever the id set says.
local function corruptId(id, key)
  if not key then
    local t = redis.call('TYPE', idset)['ok']
    local live = (t == 'set' and redis.call('SISMEMBER', idset, id) == 1)
        or (t == 'zset' and redis.call('ZSCORE', idset, id))
    key = live and idset or ('an index under ' .. base)
  end
  error('REDAO-CORRUPT ' .. MODEL .. ': ' .. key .. ' holds \'' .. id .. '\', which is no id of ' .. MODEL)
end

-- Id order: numbers for numeric ids (a numeric id that is none is corrupt data: see corruptId),
-- bytes for others.
local function idLess(a, b)
  if not NUMERIC_ID then return a < b end
  local x, y = tonumber(a), tonumber(b)
  if x ~= y then return x < y end
  return a < b
end

-- The first k entries of list in the order of less (all for k < 0), sorted. A short page of a
-- long list keeps a heap of k entries rather than sorting the whole list.
local function first(list, k, less)
  if k < 0 or k * 8 >= #list then
    table.sort(list, less)
    if k >= 0 then
      for i = #list, k + 1, -1 do list[i] = nil end
    end
    return list
  end
  if k == 0 then return {} end
  -- a max-heap (by less) of the k least entries seen so far
  local heap = {}
  local function down(i)
    local n = #heap
    while true do
      local l, r, top = 2 * i, 2 * i + 1, i
      if l <= n and less(heap[top], heap[l]) then top = l end
      if r <= n and less(heap[top], heap[r]) then top = r end
      if top == i then return end
      heap[i], heap[top] = heap[top], heap[i]
      i = top
    end
  end
  for _, e in ipairs(list) do
    if #heap < k then
      heap[#heap + 1] = e
      local i = #heap
      while i > 1 and less(heap[math.floor(i / 2)], heap[i]) do
        local up = math.floor(i / 2)
        heap[i], heap[up] = heap[up], heap[i]
        i = up
      end
    elseif less(e, heap[1]) then
      heap[1] = e
      down(1)
    end
  end
  table.sort(heap, less)
  return heap
end

local function slice(list, off, lim)
  local out = {}
  local stop = lim < 0 and #list or math.min(#list, off + lim)
  for i = off + 1, stop do out[#out + 1] = list[i] end
  return out
end

-- The page of n's ids in id order. Sorted here, not by SORT: a tenant's ACL rule then needs no
-- SORT, which on Redis 6.2 reads other namespaces' keys through BY and GET.
local function byId(n, off, lim)
  if lim == 0 then return {} end
  local ids = members(n)
  if NUMERIC_ID then
    for _, id in ipairs(ids) do
      if not tonumber(id) then corruptId(id, n.kind == 'key' and n.key or nil) end
    end
  end
  local k = lim < 0 and -1 or off + lim
  local out = {}
  if NUMERIC_ID and (k < 0 or k * 8 >= #ids) then
    -- a sort of them all compares each id many times: read each as a number once
    local keyed = {}
    for i, id in ipairs(ids) do keyed[i] = {n = tonumber(id), id = id} end
    table.sort(keyed, function(a, b)
      if a.n ~= b.n then return a.n < b.n end
      return a.id < b.id
    end)
    local stop = k < 0 and #keyed or math.min(k, #keyed)
    for i = off + 1, stop do out[#out + 1] = keyed[i].id end
    return out
  end
  local sorted = first(ids, k, idLess)
  for i = off + 1, #sorted do out[#out + 1] = sorted[i] end
  return out
end

-- The ids n holds without a score in the sorted set key (of type t), in id order, paged.
local function unscored(n, key, t, off, lim)
  local without = {}
  chunks(n, function(ids)
    local scores = t == 'zset' and redis.call('ZMSCORE', key, unpack(ids)) or {}
    for i, id in ipairs(ids) do
      if not scores[i] then without[#without + 1] = id end
    end
  end)
  return byId(listNode(without), off, lim)
end

-- The page in the order of a sorted set's scores: the sort field's index, or the id set of a
-- model with an ordering. With rest, the ids of n that the sorted set does not hold follow, by id.
--
-- Three ways, chosen by the sizes read first (see docs/queries.md, "How the script plans"):
-- - walk the sorted set in order, keeping the ids n holds, until the page is full: work grows
--   with the page divided by n's share of the sorted set;
-- - when n is a key or an intersection of keys, ZINTER of them with the sorted set, which Redis
--   orders by score without storing anything: work grows with n, at Redis's own speed;
-- - else read n's ids and their scores, and sort them here: work grows with n.
local function byScore(n, key, reverse, rest)
  local t = idsType(key)
  if t == 'set' then error('REDAO-WRONGTYPE ' .. key .. ' holds a set where a sorted index belongs') end
  local function scored(list)
    -- a partitioned query's page carries each id's score, read for the page alone
    if ranked and #list > 0 and t == 'zset' then
      for i, s in ipairs(redis.call('ZMSCORE', key, unpack(list))) do valueOf[list[i]] = s end
    end
    return list
  end
  if n.kind == 'range' and n.key == key then
    -- a range of the sorted set itself (of a compound index): the page at once
    local args = reverse and {n.hi, n.lo} or {n.lo, n.hi}
    local page = overIds(reverse and 'ZREVRANGEBYSCORE' or 'ZRANGEBYSCORE', key, args[1], args[2], 'LIMIT', offset, limit)
    tick(#page)
    return scored(page)
  end
  if n.covers == key then
    -- the filter holds every id of the sorted set: the page at once, then (past the sorted set's
    -- end) the filter's ids that have no score
    local stop = limit < 0 and -1 or offset + limit - 1
    local page = scored(reverse and redis.call('ZRANGE', key, offset, stop, 'REV') or redis.call('ZRANGE', key, offset, stop))
    tick(#page)
    if rest and (limit < 0 or #page < limit) then
      local matched = redis.call('ZCARD', key)
      for _, id in ipairs(unscored(n, key, t, math.max(0, offset - matched), limit < 0 and -1 or limit - #page)) do
        page[#page + 1] = id
      end
    end
    return page
  end
  local total = t == 'zset' and redis.call('ZCARD', key) or 0
  local candidates = size(n)
  if candidates == 0 or limit == 0 then return {} end
  -- how many entries of the sorted set a walk is expected to read
  local walked = wanted < 0 and total or math.min(total, wanted * total / candidates)
  local keys = n.kind == 'key' and {n.key} or (n.kind == 'and' and keysOf(n.parts)) or nil
  local page, matched = {}, 0
  if keys and candidates * 2 <= walked then
    local args = {#keys + 1}
    for _, k in ipairs(keys) do args[#args + 1] = k end
    args[#args + 1] = key
    args[#args + 1] = 'WEIGHTS'
    for _ = 1, #keys do args[#args + 1] = 0 end
    args[#args + 1] = 1
    local inOrder = overIds('ZINTER', unpack(args))
    tick(#inOrder)
    local stop = limit < 0 and #inOrder or math.min(#inOrder, offset + limit)
    for i = offset + 1, stop do page[#page + 1] = inOrder[reverse and #inOrder - i + 1 or i] end
    matched = #inOrder
  elseif walked <= candidates * 4 then
    -- chunks of about half the entries the rest of the page (offset included) is expected to
    -- need: a few short rounds read fewer entries past the page than one long one
    local from, done = 0, false
    while not done do
      local expected = limit < 0 and chunkSize or (wanted - matched) * total / candidates / 2
      local chunk = math.max(32, math.min(chunkSize, math.ceil(expected)))
      local ids
      if reverse then
        ids = redis.call('ZRANGE', key, from, from + chunk - 1, 'REV')
      else
        ids = redis.call('ZRANGE', key, from, from + chunk - 1)
      end
      tick(#ids)
      if #ids == 0 then break end
      local flags, held = membership(n, ids)
      for i = 1, #ids do
        if flags[i] == held then
          matched = matched + 1
          if matched > offset then
            page[#page + 1] = ids[i]
            if #page == limit then return scored(page) end
          end
        end
      end
      done = #ids < chunk
      from = from + chunk
    end
  else
    local ids = members(n)
    local withScore = {}
    for i = 1, #ids, chunkSize do
      local chunk = {unpack(ids, i, math.min(i + chunkSize - 1, #ids))}
      local scores = t == 'zset' and redis.call('ZMSCORE', key, unpack(chunk)) or {}
      tick(#chunk)
      for j, id in ipairs(chunk) do
        if scores[j] then withScore[#withScore + 1] = {id = id, s = tonumber(scores[j])} end
      end
    end
    local less
    if reverse then
      less = function(a, b)
        if a.s ~= b.s then return a.s > b.s end
        return a.id > b.id
      end
    else
      less = function(a, b)
        if a.s ~= b.s then return a.s < b.s end
        return a.id < b.id
      end
    end
    local sorted = first(withScore, wanted, less)
    for i = offset + 1, #sorted do page[#page + 1] = sorted[i].id end
    matched = #withScore
  end
  scored(page)
  if rest and (limit < 0 or #page < limit) then
    for _, id in ipairs(unscored(n, key, t, math.max(0, offset - matched), limit < 0 and -1 or limit - #page)) do
      page[#page + 1] = id
    end
  end
  return page
end

-- Sorting by a stored field without an index: read each candidate's value and sort here, so that
-- the order is defined (SORT ... ALPHA leaves ties in no particular order).
local function byStoredField(n)
  local withValue, without = {}, {}
  for _, id in ipairs(members(n)) do
    tick()
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
  ids = byScore(result, compoundOrder(filter, F[sortField]) or (base .. ':idx:' .. F[sortField]), desc, true)
elseif sortMode == 's' then
  ids = slice(byStoredField(result), offset, limit)
elseif ORDER > 0 then
  ids = byScore(result, idset, ORDER_DESC, false)
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
  if ranked then return {ids, sortValues()} end
  return ids
end
-- only the text run for delete() carries the delete and its helpers (a template flag): every
-- helper is a closure made on each call, and a read should not pay for the delete's
--@if deletes
if op == 'delete' then
  return deleteObjects(ids)
end
--@end

-- 3. Load the objects, or the chosen fields, in the same reply.
local names = {ID}
local loaded = tonumber(ARGV[p])
if loaded == 0 then
  for f = 1, #F do names[f + 1] = F[f] end
else
  -- position 0 is the id itself (loadOnly(<Model>Query.id)): read it again, so that the reply
  -- keeps one element per requested field
  for i = 1, loaded do
    local f = tonumber(ARGV[p + i])
    names[i + 1] = f == 0 and ID or F[f]
  end
end
-- a row of some fields that holds none of them is looked at again for the other fields, which
-- tell a corrupt object from none (see corruption())
local others = loaded > 0 and #F > 0 and F or nil
local rows = {}
for i, id in ipairs(ids) do
  rows[i] = objectRow(base, id, names, MODEL, others)
end

-- 4. Related objects (loadRelated): per relation, the reference field's name, the related model's
-- base key and name, the names of the fields to load (its id first), and when these are not all,
-- the names of all its fields (the rest of objectRow()). Each related object is read once; one
-- that does not exist reads as a row of nils.
p = p + loaded + 1
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
      -- a related object past its deadline (its model expires: see common.lua) reads as none
      local deadline = look('ZSCORE', otherBase .. ':exp', target)
      if deadline and tonumber(deadline) <= serverNow() then
        related[#related + 1] = {false}
      else
        related[#related + 1] = objectRow(otherBase, target, otherNames, otherModel, otherRest)
      end
    end
  end
  reply[r + 1] = related
end
return reply
