-- Fixes of dao.repair(), one after the other in one script. Each fix reads again what it fixes
-- and acts only if the problem is still there, so that a write another client made since the
-- audit read the keys is never undone: an index entry is added only while the object still has
-- the value, removed only while it is still stale, and so on. Objects are never changed, nor
-- deleted. KEYS: the id set. ARGV: the fixes, each an operation and its arguments:
--   'sadd' f v id, 'srem' f v id               the set index of value v of field f (a position of F)
--   'zadd' f v score id, 'zrem' f id          the sorted index of f
--   'lexadd' f v id, 'lexrem' f member        the lex index of f (lexadd also sets a wrong score to 0)
--   'cadd' c v w score id, 'crem' c v id      compound index c (a position of COMPOUND): the key of value v
--                                             of its first field (cadd: while the object's second
--                                             field is still w, which score is of)
--   'order' has v score id                    an ordered model's id set: the score of id's ordering value
--                                             (has '0': the object has none, v is '')
--   'uset' f v id, 'udel' f v id              the unique hash of f: the entry of v names id, or goes
--   'udelraw' f v id                          the entry goes if it still names id (an entry in the
--                                             partition of another value, which no one reads)
--   'idrem' id                                the id set loses an id that has no object hash
--   'exprem' id                               an expiring model's deadlines lose an id that is not live
--   'restore' id score n (f v score)...       an object hash not in the id set joins it, with its
--                                             index (compound too) and unique entries, if its indexed values are
--                                             still those given (score: its ordering score, or '')
--   'expire' key ms                           a temporary key without a time to live gets one
--   'unlink' key                              a key of an index the model no longer has goes
--                                             (UNLINK: its memory is freed in the background)
--   'orphan' key id                           a structure field's key goes while its object id
--                                             does not exist
-- Replies one outcome per fix: 'fixed', 'gone' (nothing to fix any more), 'changed' (a restore
-- whose object's values changed since they were read: a save of an object not in the id set
-- leaves it there, so the caller reads it again), 'busy' (a running batch claims the value),
-- 'wrongtype' (a key holds the wrong type: nothing written), or {'held', field, holder}: another
-- live object holds the unique value.
local out = {}

local function member(key, id)
  local r = try('SISMEMBER', key, id)
  if r == nil then return nil end
  return r == 1
end

local function same(score, want)
  return score and tonumber(score) == tonumber(want)
end

-- What each operation does; a is ARGV's index of its first argument. Each returns its outcome
-- and the number of arguments it took.
local ops = {}

ops.sadd = function(a)
  local f, v, id = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2]
  local has = holds(id, f, v)
  if has == nil then return 'wrongtype', 3 end
  if not has then return 'gone', 3 end
  local key = setKey(f, v)
  local already = member(key, id)
  if already == nil then return 'wrongtype', 3 end
  if already then return 'gone', 3 end
  redis.call('SADD', key, id)
  return 'fixed', 3
end

ops.srem = function(a)
  local f, v, id = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2]
  local has = holds(id, f, v)
  if has == nil then return 'wrongtype', 3 end
  if has then return 'gone', 3 end
  local r = try('SREM', setKey(f, v), id)
  if r == nil then return 'wrongtype', 3 end
  return r == 1 and 'fixed' or 'gone', 3
end

ops.zadd = function(a)
  local f, v, score, id = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]
  local has = holds(id, f, v)
  if has == nil then return 'wrongtype', 4 end
  if not has then return 'gone', 4 end
  local key = sortedKey(f)
  local now = try('ZSCORE', key, id)
  if now == nil then return 'wrongtype', 4 end
  if same(now, score) then return 'gone', 4 end
  redis.call('ZADD', key, score, id)
  return 'fixed', 4
end

ops.zrem = function(a)
  local f, id = tonumber(ARGV[a]), ARGV[a + 1]
  local live = liveness(id)
  if live == nil then return 'wrongtype', 2 end
  if live then
    local stored = try('HGET', base .. ':obj:' .. id, F[f])
    if stored == nil then return 'wrongtype', 2 end
    if stored then return 'gone', 2 end
  end
  local r = try('ZREM', sortedKey(f), id)
  if r == nil then return 'wrongtype', 2 end
  return r == 1 and 'fixed' or 'gone', 2
end

ops.lexadd = function(a)
  local f, v, id = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2]
  local has = holds(id, f, v)
  if has == nil then return 'wrongtype', 3 end
  if not has then return 'gone', 3 end
  local key, m = lexKey(f), lexMember(v, id)
  local now = try('ZSCORE', key, m)
  if now == nil then return 'wrongtype', 3 end
  if same(now, 0) then return 'gone', 3 end
  redis.call('ZADD', key, 0, m)
  return 'fixed', 3
end

ops.lexrem = function(a)
  local f, m = tonumber(ARGV[a]), ARGV[a + 1]
  local v, id = splitLexMember(m)
  if v then
    local has = holds(id, f, v)
    if has == nil then return 'wrongtype', 2 end
    if has then return 'gone', 2 end
  end
  local r = try('ZREM', lexKey(f), m)
  if r == nil then return 'wrongtype', 2 end
  return r == 1 and 'fixed' or 'gone', 2
end

ops.cadd = function(a)
  local c, v, w, score, id = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local live = liveness(id)
  if live == nil then return 'wrongtype', 5 end
  if not live then return 'gone', 5 end
  local has, second = cidxHolds(id, c, v)
  if has == nil then return 'wrongtype', 5 end
  if not has or second ~= w then return 'gone', 5 end
  local key = cidxKey(c, v)
  local now = try('ZSCORE', key, id)
  if now == nil then return 'wrongtype', 5 end
  if same(now, score) then return 'gone', 5 end
  redis.call('ZADD', key, score, id)
  return 'fixed', 5
end

ops.crem = function(a)
  local c, v, id = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2]
  local live = liveness(id)
  if live == nil then return 'wrongtype', 3 end
  if live then
    local has = cidxHolds(id, c, v)
    if has == nil then return 'wrongtype', 3 end
    if has then return 'gone', 3 end
  end
  local r = try('ZREM', cidxKey(c, v), id)
  if r == nil then return 'wrongtype', 3 end
  return r == 1 and 'fixed' or 'gone', 3
end

ops.order = function(a)
  local has, v, score, id = ARGV[a] == '1', ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]
  local live, now = liveness(id)
  if live == nil then return 'wrongtype', 4 end
  if not live then return 'gone', 4 end
  local stored = try('HGET', base .. ':obj:' .. id, F[ORDER])
  if stored == nil then return 'wrongtype', 4 end
  if (has and stored ~= v) or (not has and stored) then return 'gone', 4 end
  if same(now, score) then return 'gone', 4 end
  redis.call('ZADD', idset, 'XX', score, id)
  return 'fixed', 4
end

-- Whether value v of unique field f may be given to id: no running batch claims it, and no other
-- live object holds it. Returns nil, or the outcome that says why not.
local function uniqueRefusal(f, v, id)
  if try('GET', claimKey(f, v)) then return 'busy' end
  local holder = try('HGET', uniKey(f), v)
  if holder == nil then return 'wrongtype' end
  if holder and holder ~= id then
    local taken = holdsUnique(holder, f, v)
    if taken == nil then return 'wrongtype' end
    if taken then return {'held', F[f], holder} end
  end
  return nil
end

ops.uset = function(a)
  local f, v, id = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2]
  local has = holdsUnique(id, f, v)
  if has == nil then return 'wrongtype', 3 end
  if not has then return 'gone', 3 end
  local holder = try('HGET', uniKey(f), v)
  if holder == nil then return 'wrongtype', 3 end
  if holder == id then return 'gone', 3 end
  local refusal = uniqueRefusal(f, v, id)
  if refusal then return refusal, 3 end
  redis.call('HSET', uniKey(f), v, id)
  return 'fixed', 3
end

ops.udel = function(a)
  local f, v, id = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2]
  local holder = try('HGET', uniKey(f), v)
  if holder == nil then return 'wrongtype', 3 end
  if holder ~= id then return 'gone', 3 end
  local has = holds(id, f, v)
  if has == nil then return 'wrongtype', 3 end
  if has then return 'gone', 3 end
  redis.call('HDEL', uniKey(f), v)
  return 'fixed', 3
end

ops.udelraw = function(a)
  local f, v, id = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2]
  local holder = try('HGET', uniKey(f), v)
  if holder == nil then return 'wrongtype', 3 end
  if holder ~= id then return 'gone', 3 end
  redis.call('HDEL', uniKey(f), v)
  return 'fixed', 3
end

-- an expiring model's deadline of an id that is not live (and has no object hash to restore)
ops.exprem = function(a)
  local id = ARGV[a]
  local live = liveness(id)
  if live == nil then return 'wrongtype', 1 end
  if live or redis.call('EXISTS', base .. ':obj:' .. id) == 1 then return 'gone', 1 end
  local r = try('ZREM', expiryKey, id)
  if r == nil then return 'wrongtype', 1 end
  return r == 1 and 'fixed' or 'gone', 1
end

ops.idrem = function(a)
  local id = ARGV[a]
  if redis.call('EXISTS', base .. ':obj:' .. id) == 1 then return 'gone', 1 end
  local r = try(ORDER > 0 and 'ZREM' or 'SREM', idset, id)
  if r == nil then return 'wrongtype', 1 end
  return r == 1 and 'fixed' or 'gone', 1
end

-- Every indexed position (sets, sorted, lex, unique, the ordering), once, and their names.
local indexed, indexedNames, seen = {}, {}, {}
for _, list in ipairs({SETS, SORTED, LEX, UNIQUE, {ORDER}}) do
  for _, f in ipairs(list) do
    if f > 0 and not seen[f] then
      seen[f] = true
      indexed[#indexed + 1] = f
      indexedNames[#indexedNames + 1] = F[f]
    end
  end
end

-- A key a restore writes must hold the type it writes, or none yet.
local function typeOk(key, want)
  local t = redis.call('TYPE', key)['ok']
  return t == 'none' or t == want
end

ops.restore = function(a)
  local id, orderScore, n = ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2])
  local took = 3 + 3 * n
  local given, scores = {}, {}
  for i = 0, n - 1 do
    local f = tonumber(ARGV[a + 3 + 3 * i])
    given[f], scores[f] = ARGV[a + 4 + 3 * i], ARGV[a + 5 + 3 * i]
  end
  local live = liveness(id)
  if live == nil then return 'wrongtype', took end
  if live then return 'gone', took end
  local key = base .. ':obj:' .. id
  local row = try('HMGET', key, ID, unpack(indexedNames))
  if row == nil then return 'wrongtype', took end
  if row[1] ~= id then return 'gone', took end
  for i, f in ipairs(indexed) do
    if (row[i + 1] or false) ~= (given[f] or false) then return 'changed', took end
  end
  for _, f in ipairs(UNIQUE) do
    if given[f] then
      local refusal = uniqueRefusal(f, given[f], id)
      if refusal then return refusal, took end
    end
  end
  -- every key is checked before the first write, so that a restore is whole or not at all
  local writes = {{idset, ORDER > 0 and 'zset' or 'set'}}
  for _, f in ipairs(SETS) do
    if given[f] then writes[#writes + 1] = {setKey(f, given[f]), 'set'} end
  end
  for _, f in ipairs(SORTED) do
    if given[f] then writes[#writes + 1] = {sortedKey(f), 'zset'} end
  end
  for _, f in ipairs(LEX) do
    if given[f] then writes[#writes + 1] = {lexKey(f), 'zset'} end
  end
  for _, f in ipairs(UNIQUE) do
    if given[f] then writes[#writes + 1] = {uniKey(f), 'hash'} end
  end
  for c, pair in ipairs(COMPOUND) do
    if given[pair[1]] and given[pair[2]] then writes[#writes + 1] = {cidxKey(c, given[pair[1]]), 'zset'} end
  end
  for _, w in ipairs(writes) do
    if not typeOk(w[1], w[2]) then return 'wrongtype', took end
  end
  for _, f in ipairs(UNIQUE) do
    if given[f] then redis.call('HSET', uniKey(f), given[f], id) end
  end
  for _, f in ipairs(SETS) do
    if given[f] then redis.call('SADD', setKey(f, given[f]), id) end
  end
  for _, f in ipairs(SORTED) do
    if given[f] then redis.call('ZADD', sortedKey(f), scores[f], id) end
  end
  for _, f in ipairs(LEX) do
    if given[f] then redis.call('ZADD', lexKey(f), 0, lexMember(given[f], id)) end
  end
  for c, pair in ipairs(COMPOUND) do
    if given[pair[1]] and given[pair[2]] then redis.call('ZADD', cidxKey(c, given[pair[1]]), scores[pair[2]], id) end
  end
  if ORDER > 0 then
    redis.call('ZADD', idset, orderScore, id)
  else
    redis.call('SADD', idset, id)
  end
  return 'fixed', took
end

ops.expire = function(a)
  local key, ms = ARGV[a], ARGV[a + 1]
  if redis.call('PTTL', key) ~= -1 then return 'gone', 2 end
  redis.call('PEXPIRE', key, ms)
  return 'fixed', 2
end

ops.unlink = function(a)
  local key = ARGV[a]
  if redis.call('UNLINK', key) == 0 then return 'gone', 1 end
  return 'fixed', 1
end

ops.orphan = function(a)
  local key, id = ARGV[a], ARGV[a + 1]
  if redis.call('EXISTS', base .. ':obj:' .. id) == 1 then return 'gone', 2 end
  if redis.call('UNLINK', key) == 0 then return 'gone', 2 end
  return 'fixed', 2
end

local a = 1
while a <= #ARGV do
  local op = ops[ARGV[a]]
  if not op then error('REDAO-AUDIT unknown repair ' .. ARGV[a]) end
  local outcome, took = op(a + 1)
  out[#out + 1] = outcome
  a = a + 1 + took
end
return out
