-- The audit of a partitioned model's unique values, in the partition of the values (see
-- unique/claim.lua): each value's unique entry and claim. KEYS: the partition's id set. ARGV:
-- field (a position of F) and value, for each value. Replies, for each, the id its entry names
-- and its claim's text (false for none, -1 for a key of the wrong type), then the keys of the
-- wrong type.
local out = {}
for i = 1, #ARGV, 2 do
  local f, v = tonumber(ARGV[i]), ARGV[i + 1]
  local entry = try('HGET', uniKey(f), v)
  local claim = try('GET', claimKey(f, v))
  out[#out + 1] = {entry == nil and -1 or entry, claim == nil and -1 or claim}
end
return {out, wrongKeys}
