-- KEYS: ready, counter. ARGV: the message as JSON. Returns the new id. One script, so that no id
-- is ever taken without its message being queued. A failed INCR is corrupt data only for a counter
-- that holds no integer, and the end of the ids at the largest long; any other error (OOM,
-- READONLY, NOPERM) is returned as Redis gave it.
expect(KEYS[1], 'list')
local id = redis.pcall('INCR', KEYS[2])
if type(id) == 'table' then
  if string.find(id['err'], 'overflow', 1, true) then
    return redis.error_reply('REDAO-IDS-EXHAUSTED the id counter ' .. KEYS[2] .. ' has no next id: ' .. id['err'])
  end
  if string.sub(id['err'], 1, 10) == 'WRONGTYPE ' or string.find(id['err'], 'not an integer', 1, true) then
    return redis.error_reply('REDAO-COUNTER-CORRUPT the id counter ' .. KEYS[2] .. ' cannot count: ' .. id['err'])
  end
  return id
end
redis.call('LPUSH', KEYS[1], string.format('%d:1:', id) .. ARGV[1])
return id
