-- getBy<Unique> of a partitioned model, in the value's partition (see claim.lua). KEYS: the
-- unique hash, the claim key. ARGV: the value. Replies the id its unique entry names, else the
-- id a claim names (an object may have written the value and not confirmed it yet), else nil;
-- the caller reads that object and checks that it has the value.
local holder = redis.call('HGET', KEYS[1], ARGV[1])
if holder then return holder end
local claimant = parseClaim(redis.call('GET', KEYS[2]))
return claimant or false
