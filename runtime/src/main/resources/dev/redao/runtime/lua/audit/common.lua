-- Helpers of the audit's scripts (dao.audit() and dao.repair(); docs/design.md, "Audit and
-- repair"). They expect the model's header (MODEL, ID, F, EXPIRES, UNIQUE, SETS, SORTED, LEX, ORDER,
-- COMPOUND: per compound index, the positions of its first and second field) and the prelude
-- (idset, base). Each script of the audit does a bounded amount of work: a page of a
-- cursor, or a list of fixes; the caller keeps the cursor between scripts.

-- A read that tells a key of the wrong type from the rest: it answers nil where Redis says
-- WRONGTYPE and notes the key (once) in wrongKeys, as key, type, so that the audit reports one
-- damaged key and goes on. Any other error (an ACL refusal, a server that cannot serve) is
-- Redis's own: the command is sent again, unprotected, for Redis to raise it.
local wrongSeen, wrongKeys = {}, {}
local function try(command, key, ...)
  local r = redis.pcall(command, key, ...)
  if type(r) == 'table' and r['err'] then
    if string.sub(r['err'], 1, 10) == 'WRONGTYPE ' then
      if not wrongSeen[key] then
        wrongSeen[key] = true
        wrongKeys[#wrongKeys + 1] = key
        wrongKeys[#wrongKeys + 1] = redis.call('TYPE', key)['ok']
      end
      return nil
    end
    return redis.call(command, key, ...)
  end
  return r
end

-- Whether id is in the id set: true, false, or nil when the id set holds the wrong type. For an
-- ordered model (a sorted id set), the second value is the id's score.
local function liveness(id)
  if ORDER > 0 then
    local score = try('ZSCORE', idset, id)
    if score == nil then return nil end
    return score ~= false, score
  end
  local member = try('SISMEMBER', idset, id)
  if member == nil then return nil end
  return member == 1
end

-- Whether object id is live and holds value v in field f (a position of F): what every index,
-- lex and unique entry of the object must agree with. nil when a key holds the wrong type.
local function holds(id, f, v)
  local live = liveness(id)
  if not live then return live end
  local stored = try('HGET', base .. ':obj:' .. id, F[f])
  if stored == nil then return nil end
  return stored == v
end

-- An expiring model's deadlines, in the sorted set <base>:exp (see model/common.lua): an object
-- past its deadline keeps its keys until a write of the model purges it, and is checked as any
-- live object meanwhile, but it holds no unique value: another object may have taken it.
local expiryKey = base .. ':exp'
local nowMillis = false
local function isExpired(id)
  if not EXPIRES then return false end
  local deadline = try('ZSCORE', expiryKey, id)
  if deadline == nil then return nil end
  if not nowMillis then
    local t = redis.call('TIME')
    nowMillis = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  end
  return deadline ~= false and tonumber(deadline) <= nowMillis
end

-- Whether object id holds unique value v of field f as the writes decide it (holds(), and not
-- past a deadline). nil when a key holds the wrong type.
local function holdsUnique(id, f, v)
  local has = holds(id, f, v)
  if not has then return has end
  local expired = isExpired(id)
  if expired == nil then return nil end
  return not expired
end

-- Key names, as the write scripts name them (model.lua).
local function setKey(f, v)
  return base .. ':idx:' .. F[f] .. ':' .. v
end
local function sortedKey(f)
  return base .. ':idx:' .. F[f]
end
local function lexKey(f)
  return base .. ':lex:' .. F[f]
end
local function uniKey(f)
  return base .. ':uni:' .. F[f]
end
local function claimKey(f, v)
  return base .. ':claim:' .. F[f] .. ':' .. v
end
-- compound index c (a position of COMPOUND), value v of its first field: the ids that have v and a
-- value of its second field, scored as the second field's sorted index scores them
local function cidxKey(c, v)
  return base .. ':cidx:' .. F[COMPOUND[c][1]] .. ':' .. F[COMPOUND[c][2]] .. ':' .. v
end

-- What compound index c says of object id in the key of value v: nil when a key holds the wrong
-- type; else whether the object has v in the first field and a value in the second, and the latter.
local function cidxHolds(id, c, v)
  local row = try('HMGET', base .. ':obj:' .. id, F[COMPOUND[c][1]], F[COMPOUND[c][2]])
  if row == nil then return nil end
  return row[1] == v and row[2] ~= false, row[2], row[1]
end

-- A lex index member is the value, a zero byte and the id (ids hold no zero byte).
local function lexMember(v, id)
  return v .. '\0' .. id
end
local function splitLexMember(m)
  local i = #m
  while i > 0 and string.byte(m, i) ~= 0 do i = i - 1 end
  if i == 0 then return nil, m end
  return string.sub(m, 1, i - 1), string.sub(m, i + 1)
end

-- The position in F of a field name, or nil.
local positionOf = {}
for f = 1, #F do positionOf[F[f]] = f end
