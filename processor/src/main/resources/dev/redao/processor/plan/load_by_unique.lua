-- KEYS: id set. ARGV: a unique field's name, a value. The object holding the value, or nil.
local id = redis.call('HGET', base .. ':uni:' .. ARGV[1], ARGV[2])
if not id then return false end
return redis.call('HMGET', base .. ':obj:' .. id, ID, unpack(F))
