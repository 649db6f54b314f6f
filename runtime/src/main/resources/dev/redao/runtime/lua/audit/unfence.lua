-- dao.repair() of a partitioned model's unique entry, step 3 (step 2 read the objects in their
-- partitions): if the claim fence.lua made is still there, no other object took the value and
-- the object did not save it meanwhile, so what step 2 read still holds. Then the entry is set
-- ('set': to the object, if it is absent or names the holder step 2 found without the value) or
-- removed ('del': if it still names the object), and the claim goes. KEYS: the unique hash, the
-- claim key. ARGV: the claim's text, the action ('set', 'del' or 'none'), the object's id, the
-- value, the holder step 2 found without the value ('' for none). Replies 'fixed' or 'gone'.
local uni, claimKey = KEYS[1], KEYS[2]
local text, action, id, value, stale = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('TYPE', claimKey)['ok'] ~= 'string' or redis.call('GET', claimKey) ~= text then return 'gone' end
local outcome = 'gone'
local ut = redis.call('TYPE', uni)['ok']
if ut == 'none' or ut == 'hash' then
  local entry = redis.call('HGET', uni, value)
  if action == 'set' and (not entry or entry == stale) then
    redis.call('HSET', uni, value, id)
    outcome = 'fixed'
  elseif action == 'del' and entry == id then
    redis.call('HDEL', uni, value)
    outcome = 'fixed'
  end
end
redis.call('DEL', claimKey)
return outcome
