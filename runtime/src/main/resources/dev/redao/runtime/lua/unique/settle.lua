-- The last step of a release (see release.lua). KEYS: the unique hash, the claim key. ARGV: the
-- object's id, the value, the mark, and whether the object, read after the mark was set, has the
-- value ('1') or not ('0'). Only a mark still in place is settled: a claim that replaced it (a
-- save of the same object taking the value back, or a writer that resolved it by reading the
-- object) decides instead. While the mark stood no other object could take the value, so a read
-- that finds it in the object is still true: the entry comes back.
local claim = redis.call('GET', KEYS[2])
if claim ~= ARGV[1] .. ' ' .. ARGV[3] .. ' 0' then return 0 end
if ARGV[4] == '1' then redis.call('HSET', KEYS[1], ARGV[2], ARGV[1]) end
redis.call('DEL', KEYS[2])
return 1
