-- KEYS: processing, leases. ARGV: the delivered element, its handle. Returns how many elements
-- were removed: 0 when recovery had already given the delivery back. The lease goes either way: a
-- handle names one delivery, so a lease left for it is stale.
expect(KEYS[2], 'zset')
local removed = redis.call('LREM', KEYS[1], 1, ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[2])
return removed
