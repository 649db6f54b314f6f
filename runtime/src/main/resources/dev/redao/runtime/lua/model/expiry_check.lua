-- (a part of save_one.lua, insert_one.lua and delete_one.lua, for an expiring model)
-- An expiring model's straight-line write runs only while none of the model's objects is past its
-- deadline: then no holder of a value, and no stored object, has expired. Otherwise it writes
-- nothing, and the runtime sends the write module's script instead, which purges them first.
local now
do
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local due = redis.pcall('ZRANGEBYSCORE', base .. ':exp', '-inf', now, 'LIMIT', 0, 1)
  if due['err'] then
    return redis.error_reply('REDAO-WRONGTYPE ' .. base .. ':exp cannot be read (ZRANGEBYSCORE): ' .. due['err'])
  end
  if #due > 0 then return {0, 1, 'purge'} end
end
