-- KEYS[1]: the id counter. ARGV: how many ids, the largest explicit id of the batch. Lua numbers
-- are exact below 2^53, which bounds the ids reserved this way.
local c = redis.call('GET', KEYS[1]) or '0'
local current, floor = tonumber(c), tonumber(ARGV[2])
if not current then return redis.error_reply('REDAO-COUNTER-CORRUPT the id counter ' .. KEYS[1] .. ' holds ' .. c) end
if floor > current then current = floor end
local last = current + tonumber(ARGV[1])
if last > 9007199254740991 then
  return redis.error_reply('REDAO-IDS-EXHAUSTED ids above 2^53 cannot be reserved for a batch (counter ' .. c .. ')')
end
local text = string.format('%.0f', last)
redis.call('SET', KEYS[1], text)
return text
