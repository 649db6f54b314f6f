-- A read of a structure field of an object (docs/structures.md). KEYS: the structure's key, and
-- for an expiring model its deadlines. ARGV: what the structure is (named in an error), the
-- read-only command, the object's id, the command's arguments. A missing structure reads as
-- empty, as does the structure of an object past its deadline (its keys wait for the model's next
-- write to purge them). Replies the command's reply.
local key, kind = KEYS[1], ARGV[1]
if pastDeadline(KEYS[2], ARGV[3]) then
  -- what the command replies for a key that does not exist
  local empty = {LRANGE = {}, SMEMBERS = {}, HGETALL = {}, ZRANGE = {}, ZRANGEBYSCORE = {}, ZREVRANGE = {},
    LLEN = 0, SCARD = 0, HLEN = 0, ZCARD = 0, SISMEMBER = 0}
  return empty[ARGV[2]] or false
end
local args = {}
for i = 4, #ARGV do args[#args + 1] = ARGV[i] end
return onStructure(kind, key, ARGV[2], unpack(args))
