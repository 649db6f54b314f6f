-- dao.repair() of a partitioned model's unique entry, step 1, in the partition of the value
-- (see docs/design.md, "Audit and repair"): a claim on the value for the object the entry is
-- to name (or names now), as a save of that object would claim it (unique/claim.lua), so that
-- while the repair reads the objects no other object can take the value, and a save of that
-- object itself goes on as usual (it claims the value again, which the repair then sees). The
-- claim's deadline has a leading zero: no save writes one, so unfence.lua can tell its own
-- claim from the object's. It is save 0's (see unique/common.lua): a save of the object replaces
-- it rather than wait for it. KEYS: the unique hash, the claim key. ARGV: the object's id, the
-- value, the claim's time to live (ms).
-- Replies {'fenced', claim text, the id the entry names or false}, {'busy'} when a claim is
-- there already (a write is taking the value, or one stopped part-way: see settle.lua), or
-- {'wrongtype'}.
local uni, claimKey = KEYS[1], KEYS[2]
local ut, ct = redis.call('TYPE', uni)['ok'], redis.call('TYPE', claimKey)['ok']
if (ut ~= 'none' and ut ~= 'hash') or (ct ~= 'none' and ct ~= 'string') then return {'wrongtype'} end
if ct == 'string' then return {'busy'} end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local text = ARGV[1] .. ' 0' .. (now + tonumber(ARGV[3])) .. ' 0'
redis.call('SET', claimKey, text)
return {'fenced', text, redis.call('HGET', uni, ARGV[2])}
