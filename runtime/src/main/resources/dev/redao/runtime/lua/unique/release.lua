-- The object gives up a unique value of a partitioned model (see claim.lua). KEYS: the unique
-- hash, the claim key. ARGV: the object's id, the value, and what goes:
-- 'entry': a value the object no longer has, after a save that changed it or a delete. Another
-- save of the same object may have taken the value back since (its claim, write and confirmation
-- all after the write that gave it up), so the entry cannot just go: the entry is replaced by a
-- mark, a claim of the object's long past its deadline, and the script replies the mark. The
-- caller reads the object again and settles the mark (settle.lua): the entry comes back if the
-- object has the value, else the mark goes. Until then readers and writers treat the mark as any
-- claim past its deadline: they read the object. A claim already there is left, with the entry:
-- it is a write taking the value now, or one that stopped, and is resolved by reading the object
-- as well. Replies nil when nothing was marked.
-- 'claim': the claim of a write that was refused goes, if it still names the object. That claim
-- may have replaced a mark of the object's (see above), whose entry is gone: so unless another
-- object's entry is there, the value is marked as above, and settled by reading the object.
-- 'new claim': the claim of an object that was never written (a new id): it goes, and nothing else,
-- since no save of that object can have given the value up or taken it.
local id, value = ARGV[1], ARGV[2]
local claim = redis.call('GET', KEYS[2])
local entry
if ARGV[3] == 'new claim' then
  if claim and string.match(claim, '^(.*) %d+$') == id then redis.call('DEL', KEYS[2]) end
  return false
elseif ARGV[3] == 'claim' then
  if not claim or string.match(claim, '^(.*) %d+$') ~= id then return false end
  redis.call('DEL', KEYS[2])
  entry = redis.call('HGET', KEYS[1], value)
  if entry and entry ~= id then return false end
else
  entry = redis.call('HGET', KEYS[1], value)
  if claim or entry ~= id then return false end
end
-- a deadline long past, and distinct to the microsecond within a day: a settle acts on its own
-- mark only, never on a later release's
local time = redis.call('TIME')
local mark = tostring((tonumber(time[1]) % 86400) * 1000000 + tonumber(time[2]))
if entry then redis.call('HDEL', KEYS[1], value) end
redis.call('SET', KEYS[2], id .. ' ' .. mark)
return mark
