-- The object gives up a unique value of a partitioned model (see claim.lua). KEYS: the unique
-- hash, the claim key. ARGV: the object's id, the value, what goes, the save's number (see
-- common.lua; '0' for 'entry') and the grace after a claim's deadline (ms):
-- 'entry': a value the object no longer has, after a save that changed it or a delete. Another
-- save of the same object may have taken the value back since (its claim, write and confirmation
-- all after the write that gave it up), so the entry cannot just go: the entry is replaced by a
-- mark, a claim of the object's long past its deadline, and the script replies the mark. The
-- caller reads the object again and settles the mark (settle.lua): the entry comes back if the
-- object has the value, else the mark goes. Until then readers and writers treat the mark as any
-- claim past its deadline: they read the object. A mark of the object's already there (or a claim
-- of its own past its deadline and grace) is replaced the same way. A claim within its deadline
-- and grace is a save taking the value now: the script replies {'busy', ms} and the caller asks
-- again once that save is done, at most ms later. (Left alone, a save of the same object that claimed the value
-- before this write gave it up would confirm an entry to an object without the value; another
-- object's claim, refused because its read came before this write, would leave the entry too.)
-- Another object's claim past its deadline and grace is left, with the entry: its writer stopped,
-- and the next writer of the value resolves both by reading the objects. Replies nil when nothing
-- was marked.
-- 'claim': the claim of a write that was refused goes, if it is still this save's. That claim
-- may have replaced a mark of the object's (see above), whose entry is gone: so unless another
-- object's entry is there, the value is marked as above, and settled by reading the object.
-- 'new claim': the claim of an object that was never written (a new id): it goes, and nothing else,
-- since no save of that object can have given the value up or taken it.
local id, value, save = ARGV[1], ARGV[2], ARGV[4]
local claim = redis.call('GET', KEYS[2])
local claimant, deadline, claimSave = parseClaim(claim)
local ours = claimant == id and claimSave == save
local entry
if ARGV[3] == 'new claim' then
  if ours then redis.call('DEL', KEYS[2]) end
  return false
elseif ARGV[3] == 'claim' then
  if not ours then return false end
  redis.call('DEL', KEYS[2])
  entry = redis.call('HGET', KEYS[1], value)
  if entry and entry ~= id then return false end
else
  entry = redis.call('HGET', KEYS[1], value)
  if claim then
    if not deadline then return false end -- no writer wrote it: left for the audit
    local time = redis.call('TIME')
    local left = deadline + tonumber(ARGV[5]) - (tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000))
    if left >= 0 then return {'busy', tostring(left)} end
    -- past its deadline and grace: another object's is resolved by the next writer of the value;
    -- the object's own (a mark, or a claim of a save that stopped) is replaced by this release's
    -- mark, since a settle pending on it may have read the object before this write gave the
    -- value up, and would bring the entry back
    if claimant ~= id or (entry and entry ~= id) then return false end
  elseif entry ~= id then
    return false
  end
end
-- a deadline long past, and distinct to the microsecond within a day: a settle acts on its own
-- mark only, never on a later release's. A mark is save 0's: no save waits for it
local time = redis.call('TIME')
local mark = tostring((tonumber(time[1]) % 86400) * 1000000 + tonumber(time[2]))
if entry then redis.call('HDEL', KEYS[1], value) end
redis.call('SET', KEYS[2], id .. ' ' .. mark .. ' 0')
return mark
