-- dao.repair() of a claim on a unique value of a partitioned model left past its deadline and
-- grace (a write that stopped part-way), as the next writer of the value would settle it
-- (unique/claim.lua): the caller read the claim's object after that moment, when its write can
-- no longer run. If the object has the value, the claim becomes its unique entry; if not, the
-- claim goes. KEYS: the unique hash, the claim key. ARGV: the claim's text, its object's id,
-- whether the object has the value ('1'/'0'), the value. Replies 'fixed', 'gone' (the claim
-- changed meanwhile), {'held', id} (the entry names another object: the claim stays), or
-- 'wrongtype'.
local uni, claimKey = KEYS[1], KEYS[2]
local text, id, has, value = ARGV[1], ARGV[2], ARGV[3] == '1', ARGV[4]
local ut = redis.call('TYPE', uni)['ok']
if ut ~= 'none' and ut ~= 'hash' then return 'wrongtype' end
if redis.call('TYPE', claimKey)['ok'] ~= 'string' or redis.call('GET', claimKey) ~= text then return 'gone' end
if has then
  local entry = redis.call('HGET', uni, value)
  if entry and entry ~= id then return {'held', entry} end
  redis.call('HSET', uni, value, id)
end
redis.call('DEL', claimKey)
return 'fixed'
