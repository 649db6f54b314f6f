-- KEYS: leases. ARGV: the delivery's handle. Starts the delivery's lease clock, right after the
-- BLMOVE that took it. A plain ZADD (not NX): when recovery saw the element first and stamped it,
-- the consumer's own, later, time is the fairer start.
local t = redis.call('TIME')
redis.call('ZADD', KEYS[1], t[1] * 1000 + math.floor(t[2] / 1000), ARGV[1])
return 1
