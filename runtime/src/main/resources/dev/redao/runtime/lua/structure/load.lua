-- An object with its structure fields, in one script (ModelDao.getWithStructures). KEYS: the
-- object's hash, then each structure's key. ARGV: the number of stored fields, their names (the
-- id first), then each structure's kind. Replies {the fields' values, then each structure's
-- whole content}; a missing object's structures are not read. A key of another type (written by
-- hand) is named in the error.
local n = tonumber(ARGV[1])
local fields = {}
for i = 1, n do fields[i] = ARGV[1 + i] end
local values = redis.call('HMGET', KEYS[1], unpack(fields))
local reply = {values}
if not values[1] then return reply end
local READS = {
  ['list'] = {'LRANGE', 0, -1},
  ['set'] = {'SMEMBERS'},
  ['sorted set'] = {'ZRANGE', 0, -1, 'WITHSCORES'},
  ['map'] = {'HGETALL'},
  ['time series'] = {'ZRANGE', 0, -1},
}
for k = 2, #KEYS do
  local kind = ARGV[1 + n + k - 1]
  local read = READS[kind]
  reply[k] = onStructure(kind, KEYS[k], read[1], unpack(read, 2))
end
return reply
