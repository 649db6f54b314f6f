-- Charges an order once, however often its payment message is delivered: a reliable queue
-- delivers at least once, so the consumer makes its work idempotent here, atomically.
--
-- KEYS[1]: the set of orders already charged; KEYS[2]: the revenue counter, in cents.
-- ARGV[1]: the order; ARGV[2]: the amount in cents.
-- Returns the revenue after this charge, or -1 if the order had been charged before.
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then
    return -1
end
return redis.call('INCRBY', KEYS[2], ARGV[2])
