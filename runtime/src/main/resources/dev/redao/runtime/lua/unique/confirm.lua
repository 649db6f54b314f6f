-- Step 3 of the claim protocol (see claim.lua): the object's write is done, so its claim becomes
-- the value's unique entry. KEYS: the unique hash, the claim key. ARGV: the object's id, the
-- value. A claim that no longer names the object was resolved by another writer, which found
-- the value in the object and confirmed it then.
local claim = redis.call('GET', KEYS[2])
if claim and string.match(claim, '^(.*) %d+$') == ARGV[1] then
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[1])
  redis.call('DEL', KEYS[2])
  return 1
end
return 0
