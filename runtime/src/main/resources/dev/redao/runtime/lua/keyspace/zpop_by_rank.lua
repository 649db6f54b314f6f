-- KEYS[1] the sorted set; ARGV start, stop (ZRANGE ranks), '1' for descending, then the same ranks
-- counted from the low end. Descending rank r is ascending rank -r-1, and both commands clamp and
-- wrap ranks alike, so ZREMRANGEBYRANK removes exactly the members ZRANGE returned.
local popped
if ARGV[3] == '1' then
  popped = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2], 'REV', 'WITHSCORES')
else
  popped = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2], 'WITHSCORES')
end
if #popped > 0 then
  redis.call('ZREMRANGEBYRANK', KEYS[1], ARGV[4], ARGV[5])
end
return popped
