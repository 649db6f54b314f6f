-- KEYS[1] the sorted set; ARGV min, max (inclusive scores, '-inf'/'+inf' allowed), '1' for
-- descending. ZREMRANGEBYSCORE takes the same bounds, so it removes what ZRANGE returned.
local popped
if ARGV[3] == '1' then
  popped = redis.call('ZRANGE', KEYS[1], ARGV[2], ARGV[1], 'BYSCORE', 'REV', 'WITHSCORES')
else
  popped = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2], 'BYSCORE', 'WITHSCORES')
end
if #popped > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[2])
end
return popped
