-- (a part of save_one.lua and insert_one.lua, for an expiring model: after its other writes)
-- the object's deadline: 'k' keeps it, 'p' drops it, else milliseconds from now (see save.lua)
local ttl = ARGV[p]
if ttl == 'p' then
  redis.call('ZREM', base .. ':exp', id)
elseif ttl ~= 'k' then
  redis.call('ZADD', base .. ':exp', now + tonumber(ttl), id)
end
