-- Step 3 of the claim protocol (see claim.lua): the object's write is done, so its claim becomes
-- the value's unique entry. KEYS: the unique hash, the claim key. ARGV: the object's id, the
-- value, the save's number (see common.lua). A claim that is no longer this save's was resolved
-- by another writer, which found the value in the object and confirmed it then, or replaced
-- once past its deadline and grace (by a later save of the object, whose own outcome sets the
-- entry: see release.lua).
local claimant, _, save = parseClaim(redis.call('GET', KEYS[2]))
if claimant == ARGV[1] and save == ARGV[3] then
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[1])
  redis.call('DEL', KEYS[2])
  return 1
end
return 0
