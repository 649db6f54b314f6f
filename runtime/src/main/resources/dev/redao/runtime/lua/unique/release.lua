-- The object gives up a unique value of a partitioned model (see claim.lua). KEYS: the unique
-- hash, the claim key. ARGV: the object's id, the value, and what goes: 'claim' (a claim whose
-- write was refused; a unique entry it held before stays) or 'entry' (a value the object no
-- longer has, after a save that changed it or a delete: its entry and any claim of it). Each
-- goes only if it still names the object.
local id, value = ARGV[1], ARGV[2]
local claim = redis.call('GET', KEYS[2])
if claim and string.match(claim, '^(.*) %d+$') == id then redis.call('DEL', KEYS[2]) end
if ARGV[3] == 'entry' and redis.call('HGET', KEYS[1], value) == id then redis.call('HDEL', KEYS[1], value) end
return 1
