-- Stops before the first write if a key holds something Redao never writes there.
local function expect(key, want)
  local t = redis.call('TYPE', key)['ok']
  if t ~= 'none' and t ~= want then
    error('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. t .. ' where a ' .. want .. ' belongs')
  end
end

local function expectModelKeys()
  expect(idset, 'set')
  for _, f in ipairs(UNIQUE) do expect(base .. ':uni:' .. F[f], 'hash') end
  for _, f in ipairs(SORTED) do expect(base .. ':idx:' .. F[f], 'zset') end
end

-- The current values of the tracked fields of one object, or nil if it does not exist. HMGET
-- also fails, before any write, if the object key is not a hash.
local function readTracked(key)
  local got = redis.call('HMGET', key, ID, unpack(TRACKED_NAMES))
  if not got[1] then return nil end
  local old = {}
  for j, f in ipairs(TRACKED) do
    if got[j + 1] then old[f] = got[j + 1] end
  end
  return old
end
