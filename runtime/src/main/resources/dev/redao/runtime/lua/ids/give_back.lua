-- Gives back the last id reserved from a counter when the object it was for was not written.
-- KEYS[1]: the counter. ARGV[1]: the count reserved. Only if nothing took an id since: the counter
-- still holds that count. A counter back at 0 is deleted, as INCR created it.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[1] == '1' then redis.call('DEL', KEYS[1]) else redis.call('DECR', KEYS[1]) end
return 1
