-- Step 1 of a save that takes a unique value of a partitioned model, in the partition of the
-- value (see docs/partitioned-models.md, "the claim protocol"). KEYS: the field's unique hash,
-- the value's claim key. ARGV: the object's id, the value, the claim's time to live and the
-- grace after its deadline (ms), a holder the caller has checked ('' for none) with whether
-- that holder has the value ('1') or not ('0'), and whether the caller read that holder while
-- this object's fence stood ('1', see below).
-- Replies {'claimed', deadline}: the value is the object's until the deadline (server ms), by
-- which its write must be done; {'taken', holder}: another object has it, or is taking it now;
-- {'check', holder[, claim]}: the unique entry, or a claim past its deadline and grace (then
-- given too), names an object that may not have the value (any more, or ever): the caller reads
-- it and asks again, naming the claim it read the holder under;
-- {'fenced', holder}: the caller found that holder without the value, but read it before this
-- script ran, and the holder may have taken the value again since. So the script sets the
-- object's claim first, which keeps every other object from taking the value, and leaves the
-- holder's entry: the caller reads the holder again, with the fence standing, and asks again.
-- Only then is an entry or a claim of another object removed.
-- {'busy', ms}: another save of the same object holds the value, for ms more at the most: the
-- caller asks again a little later. Taking that claim over would let the two saves' outcomes
-- mix: a refused one giving up the claim the other writes under, which then confirms nothing.
-- ARGV[8] is the save's number (see common.lua), ARGV[9] the claim the caller read the holder
-- under ('' for an entry, or none). A read of the holder answers for that claim only: the holder's
-- own release may have replaced it by a mark since (release.lua), after a write that gave the
-- value up and so after the read, and confirming the holder's entry on that read would leave an
-- entry for an object without the value.
local uni, claimKey = KEYS[1], KEYS[2]
local id, value, ttl, grace = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local checked, has, fenced, save, checkedClaim = ARGV[5], ARGV[6] == '1', ARGV[7] == '1', ARGV[8], ARGV[9]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

-- A claim (see common.lua) has no TTL: one past its deadline is resolved by the next
-- writer of the value, which reads the claiming object first, so that a value an object wrote
-- before its deadline is never given to another (the write checks the deadline on its server's
-- clock; the grace covers the difference between the two clocks).
local claim = redis.call('GET', claimKey)
local claimant, deadline, claimSave = parseClaim(claim)
local function fence()
  redis.call('SET', claimKey, id .. ' ' .. (now + ttl) .. ' ' .. save)
  return {'fenced', checked}
end
-- a fence stands if the claim is this save's own: its holder's read counts only then
local ownFence = fenced and claim and claimant == id and claimSave == save
if claim then
  if claimant ~= id then
    local holder = claimant
    if now <= deadline + grace then return {'taken', holder} end
    if checked ~= holder or checkedClaim ~= claim then return {'check', holder, claim} end
    if has then
      -- the claim's object wrote the value and did not confirm it: confirm it now
      redis.call('HSET', uni, value, holder)
      redis.call('DEL', claimKey)
      return {'taken', holder}
    end
    -- a claim past its deadline and grace cannot be written any more: replaced by the fence
    return fence()
  end
  -- the object's own claim: another save's, until its deadline and grace, is waited for; one of
  -- this save's, a mark or a repair's fence (save 0), or one past its time is replaced below
  if claimSave ~= save and claimSave ~= '0' and now <= deadline + grace then
    return {'busy', tostring(deadline + grace - now)}
  end
end
local holder = redis.call('HGET', uni, value)
if ownFence and checked ~= '' and has then
  -- the object checked, read again while the fence stood, has the value: it is that object's
  -- (it wrote it under a claim it did not confirm, or holds the entry), and the fence goes
  if not holder then redis.call('HSET', uni, value, checked) end
  redis.call('DEL', claimKey)
  return {'taken', checked}
end
if holder and holder ~= id then
  if checked ~= holder then return {'check', holder} end
  if has then
    if claimant == id then redis.call('DEL', claimKey) end
    return {'taken', holder}
  end
  if not ownFence then return fence() end
  -- an entry left by a write that changed or deleted its object and stopped before releasing it,
  -- read again while the fence stood: its object cannot have taken the value back since
  redis.call('HDEL', uni, value)
end
redis.call('SET', claimKey, id .. ' ' .. (now + ttl) .. ' ' .. save)
return {'claimed', tostring(now + ttl)}
